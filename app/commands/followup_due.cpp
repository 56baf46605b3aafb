// massagelog followup due [--as-of TIME]

#include "../command.hpp"

#include <massagelog/reports/calls_due.hpp>

#include <fmt/format.h>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("as-of", po::value<std::string>()->value_name("TIME"),
                    "the list as it stood at TIME instead of now");
    add_format_option(o);
}

std::string_view reason_name(DueReason r)
{
    switch (r) {
    case DueReason::refer_flag:
        return "refer-flag";
    case DueReason::open_episode:
        return "open-reaction";
    case DueReason::check_in:
        break;
    }
    return "check-in";
}

// Why the call is due, and for a refer flag the command that reviews it.
std::string why(const DueCall& c)
{
    if (c.reason != DueReason::refer_flag)
        return c.why;
    return fmt::format("{}, then 'massagelog flags review {} {} {} --action referred'", c.why,
                       c.flag_rule, c.client_id, c.flag_key);
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    Format format = format_option(vm);
    auto due = due_followups(clinic, opt_time(vm, "as-of", clinic));
    if (format == Format::table) {
        // Blocks rather than columns: the reason is the point and is long.
        if (due.empty())
            out << "No calls due.\n";
        for (const DueCall& c : due) {
            out << fmt::format("{:<13}  {} (client {}{})", reason_name(c.reason), c.client_name,
                               c.client_id, c.phone ? ", " + *c.phone : "");
            if (c.session_id)
                out << "  session " << *c.session_id;
            out << "  due " << clinic.clock().local_minutes(c.due_at) << "\n  "
                << wrapped(why(c), 2, terminal_width(out)) << '\n';
        }
        if (!due.empty())
            out << "\nLog each call: massagelog followup log --session ID --outcome "
                   "no-reaction|reaction-reported|no-answer [--notes TEXT]\n";
        return 0;
    }
    auto writer = list_writer(vm, out,
                              {"reason", "client_id", "client", "phone", "session_id", "due", "why"});
    for (const DueCall& c : due)
        writer->row({Cell::val(std::string(reason_name(c.reason))), Cell::num(c.client_id),
                     Cell::str(c.client_name), Cell::opt(c.phone),
                     c.session_id ? Cell::num(*c.session_id) : Cell::null(),
                     Cell::val(clinic.clock().local_iso(c.due_at)),
                     Cell::str(why(c))});
    writer->finish();
    return 0;
}

} // namespace

Command followup_due_command()
{
    return {"followup due", "[--as-of TIME] [--format F]",
            "List the calls due: unreviewed refer flags first, then open reactions and check-ins "
            "after deep or firm sessions, each with why and how overdue.",
            Access::read, options, {}, run};
}

} // namespace massagelog::app
