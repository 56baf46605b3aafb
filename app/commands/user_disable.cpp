// massagelog user disable --name N

#include "../command.hpp"

#include <massagelog/access/accounts.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("name", po::value<std::string>()->required()->value_name("N"), "the user");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    const auto& name = vm["name"].as<std::string>();
    disable_user(clinic, name);
    out << "Disabled user " << name << "; their logins have ended.\n";
    return 0;
}

} // namespace

Command user_disable_command()
{
    return {"user disable", "--name N", "Disable a web account (it is kept, never deleted).",
            Access::write, options, {}, run};
}

} // namespace massagelog::app
