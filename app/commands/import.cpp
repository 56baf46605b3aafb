// massagelog import TABLE FILE [--dry-run]

#include "../command.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/exchange/exchange.hpp>
#include <massagelog/store/input_file.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("dry-run", po::bool_switch(), "check every row, write nothing");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    Table table = parse_table(vm["table"].as<std::string>(), "TABLE", TableUse::import);
    const auto& path = vm["file"].as<std::string>();
    InputFile file(path, k_max_csv_bytes, "FILE " + quote_value(path));
    long long size = file.size();
    bool show = isatty(STDERR_FILENO) && size > (16 << 20);
    DryRun dry = vm["dry-run"].as<bool>() ? DryRun::yes : DryRun::no;
    auto result = import_csv(clinic, table, file.stream(), std::filesystem::absolute(path).string(), dry,
                             [&](long long bytes) {
                                 if (show)
                                     std::cerr << fmt::format("\rimport: {}% of {}",
                                                              bytes * 100 / size, path)
                                               << std::flush;
                             },
                             size < 0 ? std::nullopt : std::optional<long long>(size));
    if (show)
        std::cerr << '\n';
    if (dry == DryRun::yes)
        out << fmt::format("All {} rows of {} are valid; nothing was written (--dry-run).\n",
                           result.rows, to_string(table));
    else
        out << fmt::format("Imported {} {} from {}.\n", result.rows, to_string(table), path);
    return 0;
}

} // namespace

Command import_command()
{
    return {"import", "settings|therapists|clients|sessions|reports|followups|flag_reviews FILE [--dry-run]",
            "Import what export wrote: every row checked like the command line, ids kept, all "
            "rows or none.",
            Access::write, options, {"table", "file"}, run};
}

} // namespace massagelog::app
