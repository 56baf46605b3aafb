// massagelog db restore FILE

#include "../command.hpp"

#include <massagelog/store/backup.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    const auto& path = vm["file"].as<std::string>();
    RestoreResult r = restore_database(clinic, path);
    if (!r.saved_previous.empty())
        out << "The database as it was is kept in " << r.saved_previous << ".\n";
    out << "Restored " << clinic.path() << " from " << path << " (SHA-256 " << r.sha256
        << ").\n";
    return 0;
}

} // namespace

Command db_restore_command()
{
    return {"db restore", "FILE",
            "Replace the database with a backup that passes every check; the database as it "
            "was is kept beside it.",
            Access::create, options, {"file"}, run};
}

} // namespace massagelog::app
