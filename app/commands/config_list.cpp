// massagelog config list

#include "../command.hpp"

#include <massagelog/store/settings.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o) { add_format_option(o); }

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto writer = list_writer(vm, out, {"key", "value", "default", "description"});
    for (const SettingSpec& spec : setting_specs())
        writer->row({Cell::val(std::string(spec.key)), Cell::val(get_setting(clinic.db(), spec.key)),
                     Cell::val(std::string(spec.default_value)),
                     Cell::str(std::string(spec.description))});
    writer->finish();
    return 0;
}

} // namespace

Command config_list_command()
{
    return {"config list", "[--format F]", "List every setting with its value and default.",
            Access::read, options, {}, run};
}

} // namespace massagelog::app
