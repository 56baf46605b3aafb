#include "docgen.hpp"

#include "command.hpp"

#include <massagelog/core/error.hpp>

#include <map>
#include <set>
#include <sstream>

namespace massagelog::app {

namespace {

// roff needs '-' and '\' escaped, and a line may not start with '.' or '\''.
std::string roff(const std::string& text)
{
    std::string out;
    for (char c : text) {
        if (c == '\\')
            out += "\\e";
        else if (c == '-')
            out += "\\-";
        else
            out += c;
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\''))
        out = "\\&" + out;
    return out;
}

po::options_description options_of(const Command& c)
{
    po::options_description opts;
    c.options(opts);
    return opts;
}

std::string flag(const po::option_description& o)
{
    return "--" + o.long_name();
}

void man_options(std::ostream& out, const po::options_description& opts)
{
    for (const auto& o : opts.options()) {
        std::string parameter = o->format_parameter();
        out << ".TP\n.B " << roff(flag(*o)) << (parameter.empty() ? "" : " " + roff(parameter))
            << "\n" << roff(o->description()) << "\n";
    }
}

void write_man(std::ostream& out)
{
    out << ".TH MASSAGELOG 1 \"\" \"massagelog 0.1.0\" \"User Commands\"\n"
        << ".SH NAME\nmassagelog \\- session log for massage clinics\n"
        << ".SH SYNOPSIS\n.B massagelog\n[\\-\\-db PATH] [\\-\\-tz ZONE] [\\-\\-by NAME] COMMAND "
           "[OPTIONS]\n"
        << ".SH DESCRIPTION\nmassagelog records massage sessions and the reactions clients "
           "report afterwards, and computes explained, sourced flags that tell staff when to "
           "watch a client or refer them to a physician. Everything lives in one SQLite file. "
           "Every symptom is yes, no or not recorded; every change is audited; nothing is "
           "deleted.\n"
        << ".SH GLOBAL OPTIONS\n";
    po::options_description global;
    add_global_options(global);
    man_options(out, global);
    out << ".SH COMMANDS\n";
    for (const Command& c : command_table()) {
        out << ".SS \"" << roff(std::string(c.name)) << "\"\n"
            << ".B massagelog " << roff(std::string(c.name)) << "\n"
            << roff(std::string(c.usage)) << "\n.PP\n" << roff(std::string(c.summary)) << "\n";
        man_options(out, options_of(c));
    }
    out << ".SH ENVIRONMENT\n"
        << ".TP\n.B MASSAGELOG_DB\nthe database file when \\-\\-db is not given\n"
        << ".TP\n.B MASSAGELOG_USER\nwho makes changes when \\-\\-by is not given\n"
        << ".TP\n.B MASSAGELOG_NOW\npins \"now\" to a time, for reproducible scripts\n"
        << ".TP\n.B NO_COLOR\nwhen set, no colour on a terminal\n"
        << ".SH EXIT STATUS\n0 done; 1 operational failure (database missing, unreadable, "
           "busy, damaged, disk full); 2 bad usage or input, nothing written; 3 \\-\\-fail\\-on "
           "matched.\n"
        << ".SH FILES\n.I ~/.local/share/massagelog/clinic.db\n";
}

void write_bash(std::ostream& out)
{
    // Words after "massagelog": a group ("session", "client health") leads
    // to the next word of each of its commands.
    std::map<std::string, std::set<std::string>> verbs;
    std::set<std::string> first;
    for (const Command& c : command_table()) {
        std::string name(c.name);
        auto space = name.find(' ');
        first.insert(name.substr(0, space));
        while (space != std::string::npos) {
            auto next = name.find(' ', space + 1);
            verbs[name.substr(0, space)].insert(name.substr(space + 1, next - space - 1));
            space = next;
        }
    }
    po::options_description global;
    add_global_options(global);
    std::string global_flags;
    for (const auto& o : global.options())
        global_flags += " " + flag(*o);

    out << "# bash completion for massagelog, generated from its command table.\n"
        << "_massagelog()\n{\n"
        << "    local cur=${COMP_WORDS[COMP_CWORD]} words=\"\" cmd=\"\" i\n"
        << "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        << "        case ${COMP_WORDS[i]} in\n"
        << "            --db|--tz|--by) ((i++)) ;;\n"
        << "            -*) ;;\n"
        << "            *) cmd=\"${cmd:+$cmd }${COMP_WORDS[i]}\" ;;\n"
        << "        esac\n"
        << "    done\n"
        << "    case $cmd in\n";
    std::string first_words;
    for (const auto& w : first)
        first_words += (first_words.empty() ? "" : " ") + w;
    out << "        \"\") words=\"" << first_words << "\" ;;\n";
    for (const auto& [group, set] : verbs) {
        std::string list;
        for (const auto& v : set)
            list += (list.empty() ? "" : " ") + v;
        bool also_command = false;
        for (const Command& c : command_table())
            also_command = also_command || c.name == group;
        if (!also_command)
            out << "        \"" << group << "\") words=\"" << list << "\" ;;\n";
    }
    for (const Command& c : command_table()) {
        std::string flags;
        po::options_description opts = options_of(c);
        for (const auto& o : opts.options())
            flags += " " + flag(*o);
        std::string extra;
        std::string name(c.name);
        if (verbs.count(name)) // "flags" is a command and a group ("flags review")
            for (const auto& v : verbs[name])
                extra += " " + v;
        out << "        \"" << name << "\") words=\"" << flags.substr(flags.empty() ? 0 : 1)
            << extra << global_flags << "\" ;;\n";
    }
    out << "    esac\n"
        << "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
        << "}\n"
        << "complete -o default -F _massagelog massagelog\n";
}

} // namespace

void write_generated(const std::string& kind, std::ostream& out)
{
    if (kind == "man")
        write_man(out);
    else if (kind == "bash-completion")
        write_bash(out);
    else
        throw InputError("--generate " + quote_value(kind) + " is not known",
                         "use man or bash-completion");
}

} // namespace massagelog::app
