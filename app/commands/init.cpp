// massagelog init: create the clinic database, or confirm an existing one.

#include "../command.hpp"

#include <massagelog/store/settings.hpp>
#include <massagelog/store/config.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map&, Clinic& clinic, std::ostream& out)
{
    std::string zone = settle_clinic_zone(clinic, MachineZone::use);
    out << "Database " << clinic.path() << " is ready (schema version "
        << schema_version(clinic.db()) << ", time zone " << zone << ").\n";
    return 0;
}

} // namespace

Command init_command()
{
    return {"init", "[--tz ZONE]",
            "Create the clinic database (mode 0600) in the zone --tz names, else this machine's; "
            "an existing clinic is left as it is (its zone too).",
            Access::create, options, {}, run};
}

} // namespace massagelog::app
