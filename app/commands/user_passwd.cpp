// massagelog user passwd --name N

#include "../command.hpp"
#include "../prompt.hpp"

#include <massagelog/access/accounts.hpp>
#include <massagelog/core/error.hpp>

#include <iostream>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("name", po::value<std::string>()->required()->value_name("N"), "the user");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    const auto& name = vm["name"].as<std::string>();
    std::string password;
    try {
        password = read_new_password(std::cin, std::cerr);
    } catch (const Cancelled&) {
        throw InputError("no password was given; nothing was written");
    }
    set_password(clinic, name, password);
    out << "New password set for " << name << "; their logins have ended.\n";
    return 0;
}

} // namespace

Command user_passwd_command()
{
    return {"user passwd", "--name N", "Set a web account's password and end its logins.",
            Access::write, options, {}, run};
}

} // namespace massagelog::app
