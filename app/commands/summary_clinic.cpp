// massagelog summary clinic [--from TIME] [--to TIME] [--format text|html] [-o FILE [--force]]

#include "../command.hpp"

#include <massagelog/reports/summary.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("from", po::value<std::string>()->value_name("TIME"),
                    "sessions starting at or after TIME")(
        "to", po::value<std::string>()->value_name("TIME"),
        "sessions starting before TIME (a bare date includes that day)")(
        "format", po::value<std::string>()->value_name("text|html"),
        "text (default) or one self-contained HTML file");
    add_output_option(o, "write to FILE (mode 0600, audited) instead of standard output");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto format = parse_report_format(opt_string(vm, "format").value_or("text"), "--format");
    auto summary = clinic_summary(clinic, opt_time(vm, "from", clinic),
                                  opt_time(vm, "to", clinic, DateMeans::end_of_day));
    write_output(vm, clinic, out, "summary clinic", std::nullopt, [&](std::ostream& to) {
        render_clinic_summary(summary, clinic.clock(), format, to);
    });
    return 0;
}

} // namespace

Command summary_clinic_command()
{
    return {"summary clinic", "[--from TIME] [--to TIME] [--format text|html] [-o FILE [--force]]",
            "The clinic's report: sessions and reaction rates by technique, pressure and "
            "therapist, with PRR, 95% CI, chi-square and n.",
            Access::read, options, {}, run, "output"};
}

} // namespace massagelog::app
