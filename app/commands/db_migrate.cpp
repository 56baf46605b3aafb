// massagelog db migrate: bring an older database to this program's schema.

#include "../command.hpp"

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map&, Clinic& clinic, std::ostream& out)
{
    out << "Database " << clinic.path() << " is at schema version "
        << schema_version(clinic.db()) << ".\n";
    return 0;
}

} // namespace

Command db_migrate_command()
{
    return {"db migrate", "",
            "Apply pending schema migrations, one audited transaction each.", Access::migrate,
            options, {}, run};
}

} // namespace massagelog::app
