// massagelog flags [--client ID] [--level watch|refer] [--unreviewed] [--as-of TIME] [--fail-on L]

#include "../cli.hpp"
#include "../command.hpp"
#include "../records.hpp"

#include <massagelog/exchange/exchange.hpp>
#include <massagelog/rules/flags.hpp>
#include <massagelog/records/people.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("client", po::value<std::string>()->value_name("ID|NAME"), "only this client")(
        "level", po::value<std::string>()->value_name("watch|refer"),
        "only flags at this level or above")("unreviewed", po::bool_switch(),
                                             "leave out flags that have a review")(
        "as-of", po::value<std::string>()->value_name("TIME"),
        "evaluate as at TIME instead of now (reproducible)")(
        "fail-on", po::value<std::string>()->value_name("watch|refer"),
        "exit 3 when a flag at this level or above is listed");
    add_format_option(o);
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    Format format = format_option(vm);
    FlagQuery query;
    query.client_id = opt_client(vm, "client", clinic);
    if (query.client_id)
        require_client(clinic, *query.client_id, "--client");
    if (auto level = opt_string(vm, "level"))
        query.min_level = parse_enum<Level>(*level, "--level");
    std::optional<Level> fail_on;
    if (auto level = opt_string(vm, "fail-on"))
        fail_on = parse_enum<Level>(*level, "--fail-on");
    query.unreviewed_only = vm["unreviewed"].as<bool>();
    query.as_of = opt_time(vm, "as-of", clinic);

    Progress progress("flags: clients read");
    if (!query.client_id)
        query.progress = [&](long long clients) { progress(clients); };
    // Streamed: the whole clinic's flags are never all in memory.
    bool any = false, matched = false;
    std::unique_ptr<RowWriter> writer;
    if (format != Format::table)
        writer = make_writer(format, out, flag_columns());
    each_flag(clinic, query, [&](const Flag& f) {
        if (!any)
            progress.finish();
        if (format == Format::table) {
            if (any)
                out << '\n';
            print_flag(out, f, clinic.clock(), use_colour(out), terminal_width(out));
        } else {
            writer->row(flag_cells(f, clinic.clock(), format));
        }
        any = true;
        matched = matched || (fail_on && f.level >= *fail_on);
    });
    progress.finish();
    if (writer)
        writer->finish();
    else if (!any)
        out << "No flags.\n";
    return matched ? k_exit_matched : k_exit_ok;
}

} // namespace

Command flags_command()
{
    return {"flags",
            "[--client ID] [--level watch|refer] [--unreviewed] [--as-of TIME] [--fail-on refer] "
            "[--format F]",
            "List the warnings computed from sessions and reactions, refer first, with evidence, "
            "guidance and source.",
            Access::read, options, {}, run};
}

} // namespace massagelog::app
