#pragma once
// db check's part about the clinical rows: every current row recomputed
// against the latest digest the audit log holds for it.

#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace massagelog {

struct RowDigestCheck {
    bool applies = false; // the schema has row digests
    long long rows = 0;   // current rows recomputed
    long long problem_count = 0;
    std::vector<std::string> problems; // at most k_problems_listed
    static constexpr long long k_problems_listed = 20;
};

// Recomputes the digest of every current row and compares it with the
// latest the audit log holds; names rows changed, missing, or written
// without an audit row.
RowDigestCheck verify_row_digests(SQLite::Database& db);

} // namespace massagelog
