// massagelog db check: integrity, foreign keys and the audit log's hash chain.

#include "../command.hpp"

#include <massagelog/backup.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map&, Clinic& clinic, std::ostream& out)
{
    DatabaseCheck check = check_database(clinic.db());
    out << check.summary();
    if (!check.intact())
        out << "database FAILED its checks; restore it from a backup (massagelog db restore FILE)\n";
    else if (!check.ok())
        out << "database FAILED its checks: rows above hold times no reader can read; void each "
               "session named (massagelog session void ID --reason ...) and enter it again\n";
    else
        out << "database is healthy\n";
    return check.ok() ? 0 : 1;
}

} // namespace

Command db_check_command()
{
    return {"db check", "",
            "Check the database: integrity, foreign keys and the audit log's hash chain (exit 1 "
            "on any failure).",
            Access::read, options, {}, run};
}

} // namespace massagelog::app
