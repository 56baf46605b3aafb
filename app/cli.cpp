#include "cli.hpp"

#include "command.hpp"
#include "docgen.hpp"
#include "prompt.hpp"

#include <massagelog/store/database.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/core/values.hpp>

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <iostream>
#include <algorithm>
#include <optional>
#include <unistd.h>

namespace massagelog::app {

namespace {

constexpr const char* k_version = "massagelog 0.1.0";

struct GlobalFlags {
    std::string db, tz, by;
    bool no_input = false;
};

std::vector<std::string_view> words(std::string_view name)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= name.size()) {
        auto space = name.find(' ', start);
        out.push_back(name.substr(start, space == name.npos ? name.npos : space - start));
        if (space == name.npos)
            break;
        start = space + 1;
    }
    return out;
}

// The command whose words open args[at...], longest first; sets `used`.
const Command* find_command(const std::vector<std::string>& args, std::size_t at,
                            std::size_t& used)
{
    const Command* best = nullptr;
    for (const Command& c : command_table()) {
        auto w = words(c.name);
        if (at + w.size() > args.size())
            continue;
        bool match = true;
        for (std::size_t i = 0; i < w.size() && match; ++i)
            match = args[at + i] == w[i];
        if (match && (!best || w.size() > used)) {
            best = &c;
            used = w.size();
        }
    }
    return best;
}

// Global options given after the command override those before it.
void read_global_options(const po::variables_map& vm, GlobalFlags& g)
{
    for (auto [name, field] : {std::pair{"db", &g.db}, {"tz", &g.tz}, {"by", &g.by}})
        if (vm.count(name))
            *field = vm[name].as<std::string>();
    if (vm.count("no-input") && vm["no-input"].as<bool>())
        g.no_input = true;
}

void print_overview(std::ostream& out)
{
    out << "usage: massagelog [--db PATH] [--tz ZONE] [--by NAME] [--no-input] COMMAND [OPTIONS]\n\n"
           "A session log for massage clinics: sessions, reactions clients report\n"
           "afterwards, and the warnings that tell staff when to refer.\n\nCommands:\n";
    std::size_t width = 0;
    for (const Command& c : command_table())
        width = std::max(width, c.name.size());
    for (const Command& c : command_table())
        out << "  " << c.name << std::string(width - c.name.size() + 2, ' ') << c.summary << '\n';
    po::options_description global("Global options");
    add_global_options(global);
    global.add_options()("version", "print the version");
    out << '\n' << global << '\n'
        << "Run 'massagelog COMMAND --help' for a command's options.\n"
           "Exit codes: 0 done, 1 operational failure, 2 bad usage or input (nothing\n"
           "written), 3 --fail-on matched.\n";
}

// The commands whose first word is `group` ("session add", "session list"
// for "session"); empty when it names no group.
std::vector<const Command*> group_commands(std::string_view group)
{
    std::vector<const Command*> out;
    for (const Command& c : command_table())
        if (c.name.size() > group.size() && c.name.starts_with(group) && c.name[group.size()] == ' ')
            out.push_back(&c);
    return out;
}

// The longest group that args[at...] open ("client health" before
// "client"), and how many words it takes; 0 when none.
std::size_t group_words(const std::vector<std::string>& args, std::size_t at, std::string& group)
{
    std::size_t used = 0;
    std::string words;
    for (std::size_t i = at; i < args.size() && i < at + 2; ++i) {
        words += (words.empty() ? "" : " ") + args[i];
        if (!group_commands(words).empty()) {
            group = words;
            used = i - at + 1;
        }
    }
    return used;
}

void print_group_help(std::ostream& out, std::string_view group,
                      const std::vector<const Command*>& commands)
{
    out << "usage: massagelog " << group << " COMMAND [OPTIONS]\n\nCommands:\n";
    std::size_t width = 0;
    for (const Command* c : commands)
        width = std::max(width, c->name.size());
    for (const Command* c : commands)
        out << "  " << c->name << std::string(width - c->name.size() + 2, ' ') << c->summary << '\n';
    out << "\nRun 'massagelog " << group << " COMMAND --help' for a command's options.\n";
}

void print_command_help(std::ostream& out, const Command& c, const po::options_description& opts,
                        const po::options_description& global)
{
    // A command that asks for what is missing on a terminal says how not to.
    out << "usage: massagelog " << c.name << (c.usage.empty() ? "" : " ") << c.usage
        << (c.prompt ? " [--no-input]" : "") << "\n\n"
        << c.summary << "\n\n";
    if (!opts.options().empty())
        out << opts << '\n';
    out << global;
}

OpenMode open_mode(Access access)
{
    switch (access) {
    case Access::read:
        return OpenMode::read_only;
    case Access::write:
        return OpenMode::read_write;
    case Access::migrate:
        return OpenMode::migrate;
    case Access::create:
        return OpenMode::create;
    }
    return OpenMode::read_only;
}

int fail(std::ostream& err, int code, const std::string& what, const std::string& hint)
{
    err << "massagelog: error: " << what;
    if (!hint.empty())
        err << " (" << hint << ")";
    err << '\n';
    return code;
}

// Maps SQLite's result codes to what staff can act on.
int sqlite_failure(std::ostream& err, const SQLite::Exception& e, const std::string& path)
{
    int code = e.getErrorCode() & 0xff;
    switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return fail(err, k_exit_failure, "database is busy: another program is writing to " + path,
                    "nothing was written; try again");
    case SQLITE_READONLY:
        return fail(err, k_exit_failure, "database " + path + " is read-only",
                    "nothing was written; check the file's and folder's permissions");
    case SQLITE_FULL:
        return fail(err, k_exit_failure, "the disk holding " + path + " is full",
                    "nothing was written; free some space and try again");
    case SQLITE_IOERR:
        return fail(err, k_exit_failure,
                    fmt::format("cannot write {}: {}", path, e.getErrorStr()),
                    "nothing was written; the disk may be full, the file too large, or failing");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return fail(err, k_exit_failure,
                    fmt::format("database {} is damaged or not a massagelog database ({})", path,
                                e.what()),
                    "restore it from a backup");
    case SQLITE_CANTOPEN:
        return fail(err, k_exit_failure, fmt::format("cannot open database {}: {}", path, e.what()),
                    "check the path and the folder's permissions");
    case SQLITE_CONSTRAINT:
        return fail(err, k_exit_usage, fmt::format("the database refused the change: {}", e.what()),
                    "nothing was written");
    default:
        return fail(err, k_exit_failure, fmt::format("database {}: {}", path, e.what()), "");
    }
}

int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
             std::string& path)
{
    GlobalFlags g;
    std::size_t at = 0;
    // Global options may come before the command.
    while (at < args.size() && args[at].rfind("-", 0) == 0) {
        const std::string& a = args[at];
        auto take = [&](const char* name, std::string& into) {
            std::string flag = std::string("--") + name;
            if (a == flag) {
                if (at + 1 >= args.size())
                    throw InputError(flag + " needs a value");
                into = args[++at];
                return true;
            }
            if (a.rfind(flag + "=", 0) == 0) {
                into = a.substr(flag.size() + 1);
                return true;
            }
            return false;
        };
        if (a == "--version") {
            out << k_version << '\n';
            return k_exit_ok;
        }
        if (a == "--help" || a == "-h") {
            print_overview(out);
            return k_exit_ok;
        }
        if (a == "--no-input") {
            g.no_input = true;
            ++at;
            continue;
        }
        if (a == "--generate" && at + 1 < args.size()) {
            write_generated(args[at + 1], out);
            return k_exit_ok;
        }
        if (!take("db", g.db) && !take("tz", g.tz) && !take("by", g.by))
            throw InputError(fmt::format("{} is not a global option", quote_value(a)),
                             "see 'massagelog --help'");
        ++at;
    }
    if (at == args.size()) {
        print_overview(err);
        return k_exit_usage;
    }
    if (args[at] == "help") {
        std::size_t used = 0;
        const Command* c = at + 1 < args.size() ? find_command(args, at + 1, used) : nullptr;
        if (!c && at + 1 < args.size()) {
            std::string group;
            if (group_words(args, at + 1, group) > 0) {
                print_group_help(out, group, group_commands(group));
                return k_exit_ok;
            }
        }
        if (!c) {
            if (at + 1 < args.size())
                throw InputError(fmt::format("{} is not a command", quote_value(args[at + 1])),
                                 "see 'massagelog help'");
            print_overview(out);
            return k_exit_ok;
        }
        std::vector<std::string> again(args.begin() + static_cast<long>(at) + 1,
                                       args.begin() + static_cast<long>(at + 1 + used));
        again.push_back("--help");
        return dispatch(again, out, err, path);
    }

    std::size_t used = 0;
    const Command* command = find_command(args, at, used);
    if (!command) {
        std::string group;
        const std::size_t taken = group_words(args, at, group);
        auto commands = group_commands(group);
        const std::size_t next = at + taken;
        bool asks_help = next < args.size() && (args[next] == "--help" || args[next] == "-h");
        if (taken > 0 && (next == args.size() || asks_help)) {
            // "massagelog session" alone is a question with no command: the
            // group's commands, as a usage error.
            print_group_help(asks_help ? out : err, group, commands);
            return asks_help ? k_exit_ok : k_exit_usage;
        }
        if (taken > 0) {
            std::vector<std::string_view> choices; // in the table's order, each once
            for (const Command* c : commands)
                if (std::find(choices.begin(), choices.end(), words(c->name)[taken]) == choices.end())
                    choices.push_back(words(c->name)[taken]);
            std::string listed;
            for (std::string_view choice : choices)
                listed += (listed.empty() ? "" : "|") + std::string(choice);
            throw InputError(fmt::format("{} is not a command", quote_value(group + " " + args[next])),
                             fmt::format("use {} {}, or see 'massagelog help {}'", group, listed, group));
        }
        throw InputError(fmt::format("{} is not a command", quote_value(args[at])),
                         "see 'massagelog --help'");
    }
    std::vector<std::string> rest(args.begin() + static_cast<long>(at + used), args.end());

    po::options_description opts(fmt::format("Options for {}", command->name));
    command->options(opts);
    po::options_description global("Global options");
    add_global_options(global);
    po::options_description hidden;
    po::positional_options_description positional;
    for (auto name : command->positional) {
        hidden.add_options()(std::string(name).c_str(), po::value<std::string>());
        positional.add(std::string(name).c_str(), 1);
    }
    po::options_description all;
    all.add(opts).add(global).add(hidden);

    po::variables_map vm;
    int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(rest).options(all).positional(positional).style(style).run(),
              vm);
    if (vm.count("help") && vm["help"].as<bool>()) {
        print_command_help(out, *command, opts, global);
        return k_exit_ok;
    }
    read_global_options(vm, g);
    // Commands ask (can_ask) only when --no-input was given nowhere.
    vm.erase("no-input");
    vm.insert({"no-input", po::variable_value(boost::any(g.no_input), false)});
    for (auto name : command->positional)
        if (!vm.count(std::string(name)))
            throw InputError(fmt::format("{} is missing", to_upper(name)),
                             fmt::format("usage: massagelog {} {}", command->name, command->usage));
    // Every required option that is missing, named at once.
    std::vector<std::string> missing;
    for (const auto& option : opts.options())
        if (option->semantic()->is_required() && !vm.count(option->long_name()))
            missing.push_back("--" + option->long_name());
    const bool incomplete = !missing.empty() || (command->incomplete && command->incomplete(vm));
    bool ask = incomplete && command->prompt && !g.no_input && isatty(STDIN_FILENO) &&
               &err == &std::cerr;
    if (!missing.empty() && !ask) {
        std::string list;
        for (const auto& m : missing)
            list += (list.empty() ? "" : ", ") + m;
        bool one = missing.size() == 1;
        throw InputError(fmt::format("{} {} required", list, one ? "is" : "are"),
                         command->prompt ? fmt::format("give {}, or run it on a terminal to be asked",
                                                       one ? "it" : "them")
                                         : "see 'massagelog " + std::string(command->name) + " --help'");
    }
    path = resolve_database_path(g.db, cli_words());
    Access access = command->access;
    if (command->write_option && vm.count(command->write_option))
        access = Access::write;
    Clinic clinic(ClinicOptions{g.db, g.tz, g.by, open_mode(access), std::nullopt, cli_words()});
    if (ask) {
        Prompter prompter(std::cin, err);
        command->prompt(vm, clinic, prompter);
    }
    return command->run(vm, clinic, out);
}

} // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    std::string path = "(unknown)";
    try {
        return dispatch(args, out, err, path);
    } catch (const Cancelled&) {
        err << "\nCancelled; nothing was written.\n";
        return k_exit_usage;
    } catch (const InputError& e) {
        return fail(err, k_exit_usage, e.what(), e.hint());
    } catch (const po::required_option& e) {
        return fail(err, k_exit_usage, e.get_option_name() + " is required",
                    "see the command's --help");
    } catch (const po::error& e) {
        return fail(err, k_exit_usage, e.what(), "see the command's --help");
    } catch (const OperationalError& e) {
        return fail(err, k_exit_failure, e.what(), e.hint());
    } catch (const SQLite::Exception& e) {
        return sqlite_failure(err, e, path);
    } catch (const std::bad_alloc&) {
        return fail(err, k_exit_failure, "out of memory", "");
    } catch (const std::exception& e) {
        return fail(err, k_exit_failure, e.what(), "");
    }
}

} // namespace massagelog::app
