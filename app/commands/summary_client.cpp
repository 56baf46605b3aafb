// massagelog summary client ID [--format text|html] [-o FILE [--force]] [--as-of TIME]

#include "../command.hpp"

#include <massagelog/records/people.hpp>

#include <massagelog/reports/summary.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("format", po::value<std::string>()->value_name("text|html"),
                    "text (default) or one self-contained HTML file")(
        "as-of", po::value<std::string>()->value_name("TIME"), "the report as it stood at TIME");
    add_output_option(o, "write to FILE (mode 0600, audited) instead of standard output");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT");
    auto format = parse_report_format(opt_string(vm, "format").value_or("text"), "--format");
    auto summary = client_summary(clinic, id, opt_time(vm, "as-of", clinic));
    write_output(vm, clinic, out, "summary client", id, [&](std::ostream& to) {
        render_client_summary(summary, clinic.clock(), format, to);
    });
    return 0;
}

} // namespace

Command summary_client_command()
{
    return {"summary client", "CLIENT [--format text|html] [-o FILE [--force]] [--as-of TIME]",
            "A client's follow-up report: sessions, reactions over time, flags with guidance and "
            "source, calls, aftercare.",
            Access::read, options, {"client"}, run, "output"};
}

} // namespace massagelog::app
