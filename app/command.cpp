#include "command.hpp"

#include "prompt.hpp"

#include <massagelog/store/input_file.hpp>
#include <massagelog/store/output.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/core/values.hpp>

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace massagelog::app {

std::string flag_label(std::string_view column)
{
    static const std::array<std::pair<std::string_view, std::string_view>, 9> renamed{
        {{"output", "-o"},
         {"client_id", "--client"},
         {"therapist_id", "--therapist"},
         {"session_id", "--session"},
         {"started_at", "--at"},
         {"duration_min", "--duration"},
         {"regions", "--region"},
         {"onset_at", "--onset"},
         {"contacted_at", "--at"}}};
    for (auto [from, to] : renamed)
        if (column == from)
            return std::string(to);
    std::string flag = "--";
    for (char c : column)
        flag += c == '_' ? '-' : c;
    return flag;
}

std::string command_next(Next step, std::string_view arg)
{
    switch (step) {
    case Next::list_clients: return "'massagelog client list'";
    case Next::find_client: return "'massagelog client list --search NAME'";
    case Next::find_archived_client: return "'massagelog client list --archived --search NAME'";
    case Next::list_therapists: return "'massagelog therapist list'";
    case Next::list_sessions: return "'massagelog session list'";
    case Next::calls_due: return "'massagelog followup due'";
    case Next::client_flags: return fmt::format("'massagelog flags --client {}'", arg);
    case Next::unarchive_client: return fmt::format("'massagelog client unarchive {}'", arg);
    case Next::create_database: return "'massagelog init'";
    case Next::backup_database: return "'massagelog db backup FILE'";
    case Next::migrate_database: return "'massagelog db migrate'";
    case Next::check_database: return "'massagelog db check'";
    case Next::set_timezone: return fmt::format("'massagelog config set clinic.timezone {}'", arg);
    }
    return plain_next(step, arg);
}

Wording cli_words()
{
    return {flag_label, command_next};
}

std::optional<std::string> opt_string(const po::variables_map& vm, const char* name)
{
    if (!vm.count(name))
        return std::nullopt;
    return vm[name].as<std::string>();
}

std::int64_t id_value(const std::string& text, std::string_view field)
{
    try {
        return parse_int(text, field, 1, INT64_MAX);
    } catch (const InputError&) {
        throw InputError(fmt::format("{} {} is not an ID", field, quote_value(text)),
                         "IDs are whole numbers from 1, as the list commands show them");
    }
}

std::optional<std::int64_t> opt_id(const po::variables_map& vm, const char* name)
{
    auto text = opt_string(vm, name);
    if (!text)
        return std::nullopt;
    return id_value(*text, flag_label(name));
}

std::int64_t req_id(const po::variables_map& vm, const char* name)
{
    auto id = opt_id(vm, name);
    if (!id)
        throw InputError(fmt::format("{} is required", flag_label(name)));
    return *id;
}

std::optional<Instant> opt_time(const po::variables_map& vm, const char* name, Clinic& clinic,
                                DateMeans bare_date)
{
    auto text = opt_string(vm, name);
    if (!text)
        return std::nullopt;
    return clinic.clock().parse(*text, flag_label(name), bare_date);
}

std::optional<std::int64_t> opt_client(const po::variables_map& vm, const char* name,
                                       Clinic& clinic)
{
    auto text = opt_string(vm, name);
    if (!text)
        return std::nullopt;
    return resolve_client(clinic, *text, flag_label(name));
}

std::optional<std::int64_t> opt_therapist(const po::variables_map& vm, const char* name,
                                          Clinic& clinic)
{
    auto text = opt_string(vm, name);
    if (!text)
        return std::nullopt;
    return resolve_therapist(clinic, *text, flag_label(name));
}

std::string ask_client(Clinic& clinic, Prompter& prompter)
{
    std::string chosen;
    prompter.ask("Client (name, part of it, or ID)", std::nullopt, [&](const std::string& answer) {
        if (!answer.empty() && answer.find_first_not_of("0123456789") == std::string::npos) {
            chosen = std::to_string(require_client(clinic, resolve_client(clinic, answer, "client"),
                                                   "client")
                                        .id);
            return;
        }
        auto found = find_clients(clinic, answer, 8);
        if (found.empty())
            throw InputError(fmt::format("no client's name contains {}", quote_value(answer)),
                             "try part of the name, or 'massagelog client add'");
        if (found.size() > 1) {
            std::string list;
            for (const Client& c : found)
                list += fmt::format("\n    {:>5}  {}{}", c.id, c.name, c.phone ? "  " + *c.phone : "");
            throw InputError(fmt::format("{} clients match:{}", found.size() == 8 ? "8 or more" : std::to_string(found.size()), list),
                             "type more of the name, or the ID");
        }
        prompter.say(fmt::format("  -> {} (client {})", found[0].name, found[0].id));
        chosen = std::to_string(found[0].id);
    });
    return chosen;
}

void set_option(po::variables_map& vm, const std::string& name, const std::string& value)
{
    vm.erase(name);
    vm.insert({name, po::variable_value(boost::any(value), false)});
}

void set_option(po::variables_map& vm, const std::string& name,
                const std::vector<std::string>& values)
{
    vm.erase(name);
    vm.insert({name, po::variable_value(boost::any(values), false)});
}

void set_switch(po::variables_map& vm, const std::string& name)
{
    vm.erase(name);
    vm.insert({name, po::variable_value(boost::any(true), false)});
}

bool can_ask(const po::variables_map& vm)
{
    bool no_input = vm.count("no-input") && vm["no-input"].as<bool>();
    return !no_input && isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
}

std::size_t terminal_width(const std::ostream& out)
{
    if (&out != &std::cout)
        return 0;
    // COLUMNS, when exported, is asked for: a pipe honours it too.
    if (const char* columns = std::getenv("COLUMNS"); columns && std::atoi(columns) > 0)
        return static_cast<std::size_t>(std::atoi(columns));
    if (!isatty(STDOUT_FILENO))
        return 0;
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    return 80;
}

Progress::Progress(std::string what) : m_what(std::move(what)), m_active(isatty(STDERR_FILENO)) {}

void Progress::operator()(long long done)
{
    if (!m_active)
        return;
    std::cerr << "\r" << m_what << ": " << done << std::flush;
    m_shown = true;
}

void Progress::finish()
{
    if (m_shown)
        std::cerr << '\n';
    m_shown = false;
}

bool use_colour(const std::ostream& out)
{
    const char* no_colour = std::getenv("NO_COLOR");
    return &out == &std::cout && isatty(STDOUT_FILENO) && !(no_colour && *no_colour);
}

std::unique_ptr<RowWriter> list_writer(const po::variables_map& vm, std::ostream& out,
                                       std::vector<std::string> columns)
{
    return make_writer(format_option(vm), out, std::move(columns), terminal_width(out));
}

void add_global_options(po::options_description& options)
{
    options.add_options()("db", po::value<std::string>()->value_name("PATH"),
                          "database file (else MASSAGELOG_DB, else "
                          "$XDG_DATA_HOME/massagelog/clinic.db)")(
        "tz", po::value<std::string>()->value_name("ZONE"),
        "IANA time zone for this command's input and output (default: the clinic's)")(
        "by", po::value<std::string>()->value_name("NAME"),
        "who makes the change (else MASSAGELOG_USER, else the login name)")(
        "no-input", po::bool_switch(), "never ask: a missing option is an error")(
        "help,h", po::bool_switch(), "show this help");
}

void add_despite_flags_options(po::options_description& options, const char* what)
{
    options.add_options()("despite-flags", po::bool_switch(), what)(
        "reason", po::value<std::string>()->value_name("TEXT"),
        "why it goes ahead despite the flags (with --despite-flags; audited)");
}

void add_despite_contraindication_option(po::options_description& options)
{
    options.add_options()("despite-contraindication", po::bool_switch(),
                          "go ahead although the client's health history rules the session out "
                          "(needs --reason; audited with what it overrode)");
}

namespace {

bool switched(const po::variables_map& vm, const char* name)
{
    return vm.count(name) && vm[name].as<bool>();
}

// The reason the switch `name` goes with; --reason must go with a switch.
std::optional<std::string> despite_reason_for(const po::variables_map& vm, const char* name,
                                              std::string_view why)
{
    auto reason = opt_string(vm, "reason");
    if (switched(vm, name) && (!reason || reason->find_first_not_of(" \t") == std::string::npos))
        throw InputError(fmt::format("--{} needs --reason TEXT", name),
                         fmt::format("say why it goes ahead although {}", why))
            .about("--reason");
    const bool contra = vm.count("despite-contraindication") > 0;
    if (reason && !switched(vm, "despite-flags") && !switched(vm, "despite-contraindication"))
        throw InputError(contra ? "--reason goes with --despite-flags or --despite-contraindication"
                                : "--reason goes with --despite-flags",
                         contra ? "with nothing in the way, leave --reason out"
                                : "without refer flags in the way, leave --reason out")
            .about("--reason");
    return switched(vm, name) ? reason : std::nullopt;
}

} // namespace

std::optional<std::string> despite_flags_reason(const po::variables_map& vm)
{
    return despite_reason_for(vm, "despite-flags", "refer flags stand");
}

std::optional<std::string> despite_contraindication_reason(const po::variables_map& vm)
{
    return despite_reason_for(vm, "despite-contraindication",
                              "the health history rules it out");
}

void add_notes_options(po::options_description& options, const char* what)
{
    options.add_options()("notes", po::value<std::string>()->value_name("TEXT"), what)(
        "notes-file", po::value<std::string>()->value_name("FILE"),
        "read the notes from a file (- for standard input); for long notes");
}

std::optional<std::string> notes_value(const po::variables_map& vm)
{
    auto notes = opt_string(vm, "notes");
    auto file = opt_string(vm, "notes-file");
    if (notes && file)
        throw InputError("--notes and --notes-file are both given", "give one of them");
    if (!file)
        return notes;
    std::string label = "--notes-file " + quote_value(*file);
    return checked_text(read_text_file(*file, k_max_note_bytes, label), label, TextKind::note);
}

void add_output_option(po::options_description& options, const char* what)
{
    options.add_options()("output,o", po::value<std::string>()->value_name("FILE"), what)(
        "force", po::bool_switch(), "with -o, replace FILE if it exists (never the database)");
}

Overwrite overwrite_option(const po::variables_map& vm)
{
    return vm.count("force") && vm["force"].as<bool>() ? Overwrite::yes : Overwrite::no;
}

void write_output(const po::variables_map& vm, Clinic& clinic, std::ostream& out,
                  const std::string& entity, std::optional<std::int64_t> client_id,
                  const std::function<void(std::ostream&)>& render)
{
    auto path = opt_string(vm, "output");
    if (!path) { // a report on the screen is not an export: not audited
        render(out);
        return;
    }
    ExportRecord record{entity, client_id, nlohmann::json::object()};
    std::string sha256 = write_export(clinic, path, overwrite_option(vm), out, record, render);
    out << "Wrote " << *path << " (SHA-256 " << sha256.substr(0, 16) << "...).\n";
}

Format format_option(const po::variables_map& vm)
{
    auto text = opt_string(vm, "format");
    return text ? parse_format(*text, "--format") : Format::table;
}

void add_format_option(po::options_description& options)
{
    options.add_options()("format", po::value<std::string>()->value_name("table|csv|json"),
                          "output format (default table)");
}

} // namespace massagelog::app
