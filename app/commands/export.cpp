// massagelog export TABLE [--from] [--to] [--client] [--therapist] [--as-of] [--bom] [--utc] [-o FILE [--force]]

#include "../command.hpp"

#include <massagelog/store/output.hpp>
#include <massagelog/exchange/exchange.hpp>
#include <massagelog/records/people.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("from", po::value<std::string>()->value_name("TIME"),
                    "rows at or after TIME (sessions: started, reports: reported, ...)")(
        "to", po::value<std::string>()->value_name("TIME"),
        "rows before TIME (a bare date includes that day)")(
        "client", po::value<std::string>()->value_name("ID|NAME"), "only this client's rows")(
        "therapist", po::value<std::string>()->value_name("ID|NAME"), "sessions: only this therapist's")(
        "as-of", po::value<std::string>()->value_name("TIME"), "flags: as they stood at TIME")(
        "bom", po::bool_switch(), "start with a UTF-8 byte order mark, for spreadsheet apps")(
        "utc", po::bool_switch(), "times in UTC (Z) instead of clinic time with offset");
    add_output_option(o, "write to FILE (temporary file and rename, mode 0600)");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    ExportOptions o;
    o.table = parse_table(vm["table"].as<std::string>(), "TABLE", TableUse::export_);
    o.from = opt_time(vm, "from", clinic);
    o.to = opt_time(vm, "to", clinic, DateMeans::end_of_day);
    o.client_id = opt_client(vm, "client", clinic);
    if (o.client_id)
        require_client(clinic, *o.client_id, "--client");
    o.therapist_id = opt_therapist(vm, "therapist", clinic);
    if (o.therapist_id)
        require_therapist(clinic, *o.therapist_id, "--therapist");
    o.as_of = opt_time(vm, "as-of", clinic);
    o.bom = vm["bom"].as<bool>();
    o.utc = vm["utc"].as<bool>();

    nlohmann::json filters = nlohmann::json::object();
    for (const char* f : {"from", "to", "client", "therapist", "as-of"})
        if (auto v = opt_string(vm, f))
            filters[f] = *v;
    ExportRecord record{"csv " + std::string(to_string(o.table)), o.client_id,
                        {{"filters", filters}}};
    auto path = opt_string(vm, "output");
    Progress progress(fmt::format("export {} rows", to_string(o.table)));
    if (path)
        o.progress = [&](long long rows) { progress(rows); };
    long long rows = 0;
    write_export(clinic, path, overwrite_option(vm), out, record, [&](std::ostream& to) {
        rows = export_csv(clinic, o, to);
        record.detail["rows"] = rows;
    });
    progress.finish();
    if (path)
        std::cerr << fmt::format("Exported {} {} to {}.\n", rows, to_string(o.table), *path);
    return 0;
}

} // namespace

Command export_command()
{
    return {"export",
            "settings|therapists|clients|sessions|reports|followups|flag_reviews|flags|audit [--from TIME] [--to TIME] "
            "[--client ID] [--therapist ID] [--as-of TIME] [--bom] [--utc] [-o FILE [--force]]",
            "Export a table as RFC 4180 CSV (docs/csv.md), streaming; audited with the file's "
            "SHA-256.",
            Access::write, options, {"table"}, run};
}

} // namespace massagelog::app
