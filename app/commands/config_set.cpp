// massagelog config set KEY VALUE

#include "../command.hpp"

#include <massagelog/store/settings.hpp>
#include <massagelog/store/config.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    const auto& key = vm["key"].as<std::string>();
    set_setting(clinic, key, vm["value"].as<std::string>());
    out << key << " = " << get_setting(clinic.db(), key) << '\n';
    return 0;
}

} // namespace

Command config_set_command()
{
    return {"config set", "KEY VALUE", "Change a setting (validated and audited).", Access::write,
            options, {"key", "value"}, run};
}

} // namespace massagelog::app
