#pragma once
// Online backups of the clinic database, and restoring from one.

#include "massagelog/store/digest_check.hpp"

#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace massagelog {

class Clinic;

// What a database file passed its checks with, or the first failure.
struct DatabaseCheck {
    bool integrity_ok = false;
    std::string integrity; // "ok", or the first problems
    long long foreign_key_problems = 0;
    long long audit_rows = 0;
    std::string audit_problem; // empty when the chain holds
    int schema_version = 0;
    // What is kept as recorded but would be refused today: a side that does
    // not fit its region ("session 3: calf midline"), at most k_warnings_listed.
    std::vector<std::string> side_warnings;
    long long side_warning_count = 0;
    static constexpr long long k_warnings_listed = 20;
    // Stored times outside the range entry accepts (k_earliest .. k_latest)
    // on rows that still count: "sessions 5 started_at 1899-12-31T23:00:00Z",
    // at most k_warnings_listed. Readers read them; flags, calls due and
    // summaries would count them as if they were real.
    std::vector<std::string> bad_times;
    long long bad_time_count = 0;
    // The same on voided sessions, and on reports and calls about them:
    // every reader reads them, and they no longer count (a warning).
    std::vector<std::string> voided_times;
    long long voided_time_count = 0;
    // Every clinical row recomputed against the digest its audit row holds.
    RowDigestCheck rows;
    // The file is sound: integrity, foreign keys and the audit chain hold.
    bool intact() const { return integrity_ok && foreign_key_problems == 0 && audit_problem.empty(); }
    // Sound, every time that counts is in range, and every row is as
    // massagelog wrote it.
    bool ok() const { return intact() && bad_time_count == 0 && rows.problem_count == 0; }
    std::string summary() const;
};

// integrity_check, foreign_key_check, the audit hash chain and the row
// digests; warnings about stored rows that entry would refuse today.
DatabaseCheck check_database(SQLite::Database& db);

// Copies the open database with SQLite's online backup API into `path`
// (written as a temporary file, mode 0600, then renamed), verifies the copy
// by opening it and checking it, and audits the backup with the copy's
// SHA-256. Returns the SHA-256. Throws OperationalError on failure.
std::string backup_database(Clinic& clinic, const std::string& path);

struct RestoreResult {
    std::string saved_previous; // where the database as it was is kept, or empty
    std::string sha256;         // of the backup restored
};

// Replaces the clinic's database with the backup at `path` after checking
// the backup (integrity, foreign keys, audit chain, schema version); the
// database as it was is first saved beside it. Audits the restore in the
// restored database. Throws OperationalError when the backup fails a check.
RestoreResult restore_database(Clinic& clinic, const std::string& path);

} // namespace massagelog
