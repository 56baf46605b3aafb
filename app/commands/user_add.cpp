// massagelog user add --name N --role therapist|front-desk|owner [--therapist ID]

#include "../command.hpp"
#include "../prompt.hpp"

#include <massagelog/access/accounts.hpp>
#include <massagelog/core/error.hpp>

#include <iostream>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("name", po::value<std::string>()->required()->value_name("N"),
                    "the name the user logs in with")(
        "role", po::value<std::string>()->required()->value_name("ROLE"),
        "therapist (sessions, reports, flags), front-desk (clients, calls) or owner (everything)")(
        "therapist", po::value<std::string>()->value_name("ID|NAME"),
        "the therapist this account is, for a therapist's own sessions");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    UserInput in;
    in.name = vm["name"].as<std::string>();
    in.role = parse_enum<Role>(vm["role"].as<std::string>(), "--role");
    in.therapist_id = opt_therapist(vm, "therapist", clinic);
    try {
        in.password = read_new_password(std::cin, std::cerr);
    } catch (const Cancelled&) {
        throw InputError("no password was given; nothing was written");
    }
    auto id = add_user(clinic, in);
    out << "Added user " << id << " (" << in.name << ", " << to_string(in.role) << ").\n";
    return 0;
}

} // namespace

Command user_add_command()
{
    return {"user add", "--name N --role ROLE [--therapist ID]",
            "Add a web account (the password is asked, or read from standard input).",
            Access::write, options, {}, run};
}

} // namespace massagelog::app
