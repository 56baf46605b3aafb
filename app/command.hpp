#pragma once
// The command table: every command declares its name, usage, one-line
// summary, options and what it needs from the database in one place; main
// parses with it and --help is generated from it.

#include <massagelog/clinic.hpp>
#include <massagelog/rows.hpp>
#include <massagelog/time.hpp>

#include <boost/program_options.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace massagelog::app {

namespace po = boost::program_options;

// What a command needs from the database file.
enum class Access {
    read,    // opened read-only; must exist
    write,   // opened read-write; must exist
    migrate, // must exist; pending migrations applied
    create   // created (mode 0600) when missing
};

struct Command {
    std::string_view name;    // "session add"
    std::string_view usage;   // "--client ID --therapist ID --at TIME ..."
    std::string_view summary; // one line for the command list
    Access access;
    void (*options)(po::options_description& options);
    std::vector<std::string_view> positional; // each takes one argument, in order
    int (*run)(const po::variables_map& vm, Clinic& clinic, std::ostream& out);
    // An option that makes a read command write (it audits the file it
    // writes): the database is then opened read-write.
    const char* write_option = nullptr;
};

// Every command, in the order help lists them.
const std::vector<Command>& command_table();

// Option helpers: read a value and parse it with the lib parsers, naming the
// option ("--client") in any error.
std::optional<std::string> opt_string(const po::variables_map& vm, const char* name);
std::int64_t id_value(const std::string& text, std::string_view field);
std::optional<std::int64_t> opt_id(const po::variables_map& vm, const char* name);
std::int64_t req_id(const po::variables_map& vm, const char* name);
std::optional<Instant> opt_time(const po::variables_map& vm, const char* name, Clinic& clinic,
                                DateMeans bare_date = DateMeans::start_of_day);

// Adds --notes TEXT and --notes-file PATH ("-" reads standard input).
void add_notes_options(po::options_description& options, const char* what);
// The notes given by either option (not both), or nothing.
std::optional<std::string> notes_value(const po::variables_map& vm);

// Adds -o/--output FILE.
void add_output_option(po::options_description& options, const char* what);

// Writes what `render` produces to standard output, or with -o FILE to that
// file (temporary file, then rename, mode 0600), audited as an export of
// `entity` with the file's path and SHA-256.
void write_output(const po::variables_map& vm, Clinic& clinic, std::ostream& out,
                  const std::string& entity, std::optional<std::int64_t> client_id,
                  const std::function<void(std::ostream&)>& render);

// Adds --format table|csv|json.
void add_format_option(po::options_description& options);
// --format's value (table when absent).
Format format_option(const po::variables_map& vm);

} // namespace massagelog::app
