#pragma once
// The command table: every command declares its name, usage, one-line
// summary, options and what it needs from the database in one place; main
// parses with it and --help is generated from it.

#include <massagelog/store/atomic_file.hpp>
#include <massagelog/store/clinic.hpp>
#include "rows.hpp"
#include <massagelog/core/time.hpp>

#include <boost/program_options.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace massagelog::app {

// The command-line flag for a field: "--client" for client_id, "--at" for
// started_at; the label the CLI sets on its Clinic.
std::string flag_label(std::string_view column);
// A next step as the command to run: "'massagelog client list'".
std::string command_next(Next step, std::string_view arg);
// The command line's words for lib's messages: its flags and commands.
Wording cli_words();

namespace po = boost::program_options;

class Prompter;

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
    // On a terminal, asks for the required options not given (and offers the
    // optional ones), then shows the record and asks to confirm; fills `vm`.
    void (*prompt)(po::variables_map& vm, Clinic& clinic, Prompter& prompter) = nullptr;
    // Whether, on a terminal, to ask although no required option is missing
    // (client health add given no answer at all); nullptr: never.
    bool (*incomplete)(const po::variables_map& vm) = nullptr;
};

// Every command, in the order help lists them.
const std::vector<Command>& command_table();

// --db, --tz, --by, --no-input and --help, which every command takes.
void add_global_options(po::options_description& options);

// Option helpers: read a value and parse it with the lib parsers, naming the
// option ("--client") in any error.
std::optional<std::string> opt_string(const po::variables_map& vm, const char* name);
std::int64_t id_value(const std::string& text, std::string_view field);
std::optional<std::int64_t> opt_id(const po::variables_map& vm, const char* name);
std::int64_t req_id(const po::variables_map& vm, const char* name);
std::optional<Instant> opt_time(const po::variables_map& vm, const char* name, Clinic& clinic,
                                DateMeans bare_date = DateMeans::start_of_day);

// A client or therapist given by ID or by name (see resolve_client).
std::optional<std::int64_t> opt_client(const po::variables_map& vm, const char* name,
                                       Clinic& clinic);
std::optional<std::int64_t> opt_therapist(const po::variables_map& vm, const char* name,
                                          Clinic& clinic);

// Asks for a client by name or ID: a name that matches one client picks it,
// several are listed to choose from. Returns the ID as text.
std::string ask_client(Clinic& clinic, Prompter& prompter);

// Sets an option's value as if it had been typed (prompts use it).
void set_option(po::variables_map& vm, const std::string& name, const std::string& value);
void set_option(po::variables_map& vm, const std::string& name,
                const std::vector<std::string>& values);
void set_switch(po::variables_map& vm, const std::string& name);

// Whether a command may ask a question: standard input and error are a
// terminal and --no-input was not given.
bool can_ask(const po::variables_map& vm);

// The terminal's width when `out` is standard output on a terminal, else 0
// (no limit).
std::size_t terminal_width(const std::ostream& out);
// A progress line on standard error when it is a terminal, else nothing:
// call with the count done; finish() ends the line.
class Progress {
public:
    explicit Progress(std::string what);
    void operator()(long long done);
    void finish();

private:
    std::string m_what;
    bool m_shown = false;
    bool m_active;
};

// Colour on standard output: a terminal, and NO_COLOR not set.
bool use_colour(const std::ostream& out);
// A writer for a list in the --format asked for, fitted to the terminal.
std::unique_ptr<RowWriter> list_writer(const po::variables_map& vm, std::ostream& out,
                                       std::vector<std::string> columns);

// Adds --notes TEXT and --notes-file PATH ("-" reads standard input).
void add_notes_options(po::options_description& options, const char* what);
// The notes given by either option (not both), or nothing.
std::optional<std::string> notes_value(const po::variables_map& vm);

// Adds --despite-flags and --reason TEXT: go ahead although refer flags
// stand, saying why (`what` is the option's help).
void add_despite_flags_options(po::options_description& options, const char* what);
// Adds --despite-contraindication (with the --reason of the flags' options).
void add_despite_contraindication_option(po::options_description& options);
// The reason --despite-flags goes with (each needs the other), or nothing.
std::optional<std::string> despite_flags_reason(const po::variables_map& vm);
// The same for --despite-contraindication.
std::optional<std::string> despite_contraindication_reason(const po::variables_map& vm);

// Adds -o/--output FILE and --force.
void add_output_option(po::options_description& options, const char* what);
// --force's answer: whether -o may replace an existing file.
Overwrite overwrite_option(const po::variables_map& vm);

// Writes what `render` produces to standard output, or with -o FILE to that
// file (see write_export: never the database, an existing file only with
// --force, a FIFO or device as a stream), audited as an export of `entity`
// with the file's path and SHA-256, or as failed.
void write_output(const po::variables_map& vm, Clinic& clinic, std::ostream& out,
                  const std::string& entity, std::optional<std::int64_t> client_id,
                  const std::function<void(std::ostream&)>& render);

// Adds --format table|csv|json.
void add_format_option(po::options_description& options);
// --format's value (table when absent).
Format format_option(const po::variables_map& vm);

} // namespace massagelog::app
