// massagelog init: create the clinic database, or confirm an existing one.

#include "../command.hpp"

#include <massagelog/settings.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <date/tz.h>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

// The zone a new clinic starts with: --tz, else the machine's, else UTC.
// Empty when the clinic has a zone already and --tz does not change it.
std::string initial_zone(Clinic& clinic)
{
    if (clinic.zone_from_flag())
        return clinic.clock().zone_name();
    SQLite::Statement stored(clinic.db(), "SELECT 1 FROM settings WHERE key = 'clinic.timezone'");
    if (stored.executeStep())
        return {};
    try {
        return std::string(date::current_zone()->name());
    } catch (const std::exception&) {
        return "Etc/UTC";
    }
}

int run(const po::variables_map&, Clinic& clinic, std::ostream& out)
{
    std::string zone = initial_zone(clinic);
    if (!zone.empty() && zone != get_setting(clinic.db(), "clinic.timezone"))
        set_setting(clinic, "clinic.timezone", zone);
    out << "Database " << clinic.path() << " is ready (schema version "
        << schema_version(clinic.db()) << ", time zone " << get_setting(clinic.db(), "clinic.timezone")
        << ").\n";
    return 0;
}

} // namespace

Command init_command()
{
    return {"init", "[--tz ZONE]",
            "Create the clinic database (mode 0600) with its time zone; harmless when it exists.",
            Access::create, options, {}, run};
}

} // namespace massagelog::app
