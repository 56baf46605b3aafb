// massagelog db check: integrity, foreign keys, the audit log's hash chain and the
// digests of the clinical rows.

#include "../command.hpp"

#include <massagelog/store/backup.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map&, Clinic& clinic, std::ostream& out)
{
    DatabaseCheck check = check_database(clinic.db());
    out << check.summary();
    if (!check.intact())
        out << "database FAILED its checks; restore it from a backup (massagelog db restore FILE)\n";
    else if (check.ok())
        out << "database is healthy\n";
    if (check.intact() && check.rows.problem_count > 0)
        out << "database FAILED its checks: rows above were changed outside massagelog; find out "
               "who changed them, and restore a backup taken before (massagelog db restore FILE)\n";
    if (check.intact() && check.bad_time_count > 0)
        out << "database FAILED its checks: rows above hold times outside the range a record can "
               "hold; void each session named, or the session of each report or call named "
               "(massagelog session void ID --reason ...), and enter it again\n";
    return check.ok() ? 0 : 1;
}

} // namespace

Command db_check_command()
{
    return {"db check", "",
            "Check the database: integrity, foreign keys, the audit log's hash chain and every "
            "clinical row against the digest its audit row holds (exit 1 on any failure).",
            Access::read, options, {}, run};
}

} // namespace massagelog::app
