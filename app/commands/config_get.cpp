// massagelog config get KEY

#include "../command.hpp"

#include <massagelog/store/settings.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    out << get_setting(clinic.db(), vm["key"].as<std::string>()) << '\n';
    return 0;
}

} // namespace

Command config_get_command()
{
    return {"config get", "KEY", "Print one setting's value.", Access::read, options, {"key"}, run};
}

} // namespace massagelog::app
