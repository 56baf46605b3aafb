// massagelog user add|list|passwd|disable: the web's accounts (docs/web.md).

#include "../command.hpp"
#include "../entries.hpp"
#include "../prompt.hpp"

#include <massagelog/access/accounts.hpp>
#include <massagelog/core/error.hpp>

#include <iostream>

namespace massagelog::app {

namespace {

void name_option(po::options_description& o)
{
    o.add_options()("name", po::value<std::string>()->required()->value_name("NAME"),
                    "the name the user logs in with");
}

void add_options(po::options_description& o)
{
    name_option(o);
    o.add_options()("role", po::value<std::string>()->required()->value_name("ROLE"),
                    "therapist (sessions, reports, flags), front-desk (clients, calls) or owner "
                    "(everything)")("therapist", po::value<std::string>()->value_name("ID|NAME"),
                                    "the therapist this account is, for a therapist's own sessions");
}

void list_options(po::options_description& o) { add_format_option(o); }

// Asked twice on a terminal, else the first line of standard input.
std::string new_password()
{
    try {
        return read_new_password(std::cin, std::cerr);
    } catch (const Cancelled&) {
        throw InputError("no password was given; nothing was written");
    }
}

int add(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = enter_user(vm, new_password(), clinic);
    out << "Added user " << id << " (" << vm["name"].as<std::string>() << ", "
        << to_string(parse_enum<Role>(vm["role"].as<std::string>(), "--role")) << ").\n";
    return 0;
}

int list(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto writer = list_writer(vm, out, {"id", "name", "role", "therapist_id", "created", "disabled"});
    for (const User& u : list_users(clinic))
        writer->row({Cell::num(u.id), Cell::str(u.name), Cell::val(std::string(to_string(u.role))),
                     u.therapist_id ? Cell::num(*u.therapist_id) : Cell::null(),
                     Cell::val(clinic.clock().local_minutes(u.created_at)),
                     u.disabled_at ? Cell::val(clinic.clock().local_minutes(*u.disabled_at))
                                   : Cell::null()});
    writer->finish();
    return 0;
}

int passwd(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    const auto& name = vm["name"].as<std::string>();
    set_password(clinic, name, new_password());
    out << "New password set for " << name << "; their logins have ended.\n";
    return 0;
}

int disable(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    const auto& name = vm["name"].as<std::string>();
    disable_user(clinic, name);
    out << "Disabled user " << name << "; their logins have ended.\n";
    return 0;
}

} // namespace

std::int64_t enter_user(const po::variables_map& vm, const std::string& password, Clinic& clinic)
{
    UserInput in;
    in.name = vm["name"].as<std::string>();
    in.role = parse_enum<Role>(vm["role"].as<std::string>(), "--role");
    in.therapist_id = opt_therapist(vm, "therapist", clinic);
    in.password = password;
    return add_user(clinic, in);
}

Command user_add_command()
{
    return {"user add", "--name NAME --role ROLE [--therapist ID]",
            "Add a web account (the password is asked, or read from standard input).",
            Access::write, add_options, {}, add};
}

Command user_list_command()
{
    return {"user list", "[--format F]", "List web accounts.", Access::read, list_options, {}, list};
}

Command user_passwd_command()
{
    return {"user passwd", "--name NAME", "Set a web account's password and end its logins.",
            Access::write, name_option, {}, passwd};
}

Command user_disable_command()
{
    return {"user disable", "--name NAME", "Disable a web account (it is kept, never deleted).",
            Access::write, name_option, {}, disable};
}

} // namespace massagelog::app
