// massagelog db backup FILE

#include "../command.hpp"

#include <massagelog/store/backup.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    const auto& path = vm["file"].as<std::string>();
    std::string sha256 = backup_database(clinic, path);
    out << "Backed up " << clinic.path() << " to " << path << " (checked; SHA-256 " << sha256
        << ").\n";
    return 0;
}

} // namespace

Command db_backup_command()
{
    return {"db backup", "FILE",
            "Copy the database while in use (SQLite's backup API) to a new file, mode 0600, "
            "checked and audited.",
            Access::write, options, {"file"}, run};
}

} // namespace massagelog::app
