#pragma once
// Tamper evidence for the clinical rows themselves: the SHA-256 of each row
// as massagelog wrote it is kept in the audit log (whose hash chain protects
// it), and `db check` recomputes every current row against it.
//
// One change to one row audits the row's digest ("digest", and
// "digest_before" for an update). A bulk write (an import, the demo, the
// migration that brought digests) audits "digests": per table, the ids it
// wrote as runs and a SHA-256 for each chunk of k_digest_chunk rows, each
// over the digests of its rows in id order.

#include "massagelog/store/audit.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace SQLite {
class Database;
}

namespace massagelog {

// The tables whose rows carry digests. A session's digest covers its
// session_regions rows as well.
enum class DigestTable { therapists, clients, sessions, reports, followups, flag_reviews };
inline constexpr std::array k_digest_tables{DigestTable::therapists, DigestTable::clients,
                                            DigestTable::sessions,   DigestTable::reports,
                                            DigestTable::followups,  DigestTable::flag_reviews};

// The schema version from which every clinical row has a digest.
inline constexpr int k_row_digest_version = 4;

// Rows per chunk of a bulk write's digests.
inline constexpr long long k_digest_chunk = 256;

std::string_view to_string(DigestTable);
// The audit entity of one row of the table ("session"), and back.
std::string_view entity_of(DigestTable);
std::optional<DigestTable> digest_table_of_entity(std::string_view entity);

// The canonical form of one row: its table, then each column in the
// table's order, NULL as '-' and anything else as its text with its length
// before it (an integer and its decimal text read alike, as SQLite gives
// them back). A session's regions follow it, each after child(), in the
// order of their key (region id, side). A writer that knows what it wrote
// builds the same bytes row_digest reads back.
class CanonicalRow {
public:
    explicit CanonicalRow(DigestTable table);
    void null();
    void integer(std::int64_t value);
    void text(std::string_view value);
    void opt_text(const std::optional<std::string>& value);
    void child();
    Sha256Digest digest() const { return sha256_of(m_bytes); }

private:
    std::string m_bytes;
};

// The hex SHA-256 of one current row, read back from the database.
// Throws std::logic_error when there is no such row.
std::string row_digest(SQLite::Database& db, DigestTable table, std::int64_t id);

// Ids as ascending runs of consecutive ids, [first, last].
using IdRuns = std::vector<std::pair<std::int64_t, std::int64_t>>;
IdRuns id_runs(std::vector<std::int64_t> ids);

// The digests of a bulk write, gathered row by row in any order: from the
// writer (add) or read back (add_rows). json() is what its audit row's
// detail holds under "digests" → table name: the ids as runs, the row
// count, and a SHA-256 over each k_digest_chunk rows' digests in id order.
class BulkDigest {
public:
    void add(std::int64_t id, const Sha256Digest& digest) { m_rows.emplace_back(id, digest); }
    // Reads back the rows of `table` that `runs` names.
    void add_rows(SQLite::Database& db, DigestTable table, const IdRuns& runs);
    nlohmann::json json();

private:
    std::vector<std::pair<std::int64_t, Sha256Digest>> m_rows;
};

// The digests of every row of every table (tables with none left out),
// as a bulk write's detail holds them: a baseline.
nlohmann::json all_rows_digests(SQLite::Database& db);

} // namespace massagelog
