#pragma once
// The clinical tables whose rows carry digests, and the canonical form a
// row's digest is taken over (see row_digests.hpp).

#include "massagelog/store/audit.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace massagelog {

// The tables whose rows carry digests. A session's digest covers its
// session_regions rows as well.
enum class DigestTable {
    therapists,
    clients,
    sessions,
    reports,
    followups,
    flag_reviews,
    health_history
};
inline constexpr std::array k_digest_tables{
    DigestTable::therapists, DigestTable::clients,      DigestTable::sessions,
    DigestTable::reports,    DigestTable::followups,    DigestTable::flag_reviews,
    DigestTable::health_history};

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

// Ids as ascending runs of consecutive ids, [first, last].
using IdRuns = std::vector<std::pair<std::int64_t, std::int64_t>>;
IdRuns id_runs(std::vector<std::int64_t> ids);

} // namespace massagelog
