// massagelog client show ID

#include "../command.hpp"
#include "../records.hpp"

#include <massagelog/records/people.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    Client c = require_client(clinic, resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT"),
                              "client");
    const ClinicClock& clock = clinic.clock();
    print_fields(out, {{"client", std::to_string(c.id)},
                       {"name", c.name},
                       {"phone", c.phone.value_or("-")},
                       {"email", c.email.value_or("-")},
                       {"birth date", c.birth_date.value_or("-")},
                       {"added", clock.local_minutes(c.created_at)},
                       {"archived", c.archived_at ? clock.local_minutes(*c.archived_at) : "no"},
                       {"notes", c.notes.value_or("-")}});
    out << "\nHealth history:\n";
    print_health(out, read_health(clinic, c.id, clock.now()), clock);
    out << "\nSessions:\n";
    auto sessions = make_writer(Format::table, out, session_columns(), terminal_width(out));
    each_session(clinic, SessionFilter{c.id, {}, {}, {}, true},
                 [&](const Session& s) { sessions->row(session_cells(s, clock, Format::table)); });
    sessions->finish();
    out << "\nReactions reported:\n";
    auto reports = make_writer(Format::table, out, report_columns(Format::table), terminal_width(out));
    each_report(clinic, ReportFilter{c.id, false},
                [&](const Report& r) { reports->row(report_cells(r, clock, Format::table)); });
    reports->finish();
    return 0;
}

} // namespace

Command client_show_command()
{
    return {"client show", "CLIENT", "Show a client with their sessions and reported reactions.",
            Access::read, options, {"client"}, run};
}

} // namespace massagelog::app
