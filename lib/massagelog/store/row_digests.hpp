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

#include "massagelog/store/canonical_row.hpp"
#include "massagelog/store/statement_cache.hpp"

#include <SQLiteCpp/Statement.h>

#include <limits>
#include <memory>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>


namespace massagelog {

inline constexpr std::int64_t k_lowest_id = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t k_highest_id = std::numeric_limits<std::int64_t>::max();

// Appends every column of the current row of `q`, in the table's order.
void append_columns(CanonicalRow& row, SQLite::Statement& q);

// Walks the rows of one table with ids in [first, last] in id order, each
// with its digest; a session's regions are read beside it. With `cache`
// (the connection's), its statements are prepared once.
class RowScan {
public:
    RowScan(SQLite::Database& db, DigestTable table, std::int64_t first, std::int64_t last,
            StatementCache* cache = nullptr);
    // Moves to the next row; false after the last.
    bool next();

    std::int64_t id() const { return m_id; }
    const Sha256Digest& digest() const { return m_digest; }
    // Session ids that regions name but no session has (foreign keys off).
    const std::vector<std::int64_t>& orphans() const { return m_orphans; }

private:
    DigestTable m_table;
    StatementCache::StatementLease m_rows;
    std::optional<StatementCache::StatementLease> m_regions; // sessions only
    SQLite::Statement& regions() { return **m_regions; }
    bool m_region_ready = false;
    std::int64_t m_id = 0;
    Sha256Digest m_digest{};
    std::vector<std::int64_t> m_orphans;
};

// The chunk digests of a bulk write: position by position in id order, a
// SHA-256 over each k_digest_chunk rows' digests. A position whose row is
// missing (when checking) taints its chunk.
class ChunkedDigest {
public:
    struct Chunk {
        std::int64_t first = 0;
        std::int64_t last = 0;
        std::string sha256;
        bool missing_row = false;
    };

    explicit ChunkedDigest(long long chunk) : m_size(chunk) {}

    void add(std::int64_t id, const Sha256Digest& digest)
    {
        open(id);
        m_hash->update(digest);
        close_if_full();
    }
    void miss(std::int64_t id)
    {
        open(id);
        m_chunks.back().missing_row = true;
        close_if_full();
    }
    std::vector<Chunk> finish()
    {
        if (m_hash)
            close();
        return std::move(m_chunks);
    }

private:
    void open(std::int64_t id)
    {
        if (!m_hash) {
            m_hash = std::make_unique<Sha256>();
            m_chunks.push_back({id, id, {}, false});
        }
        m_chunks.back().last = id;
        ++m_in_chunk;
    }
    void close_if_full()
    {
        if (m_in_chunk == m_size)
            close();
    }
    void close()
    {
        m_chunks.back().sha256 = m_hash->hex();
        m_hash.reset();
        m_in_chunk = 0;
    }

    long long m_size;
    long long m_in_chunk = 0;
    std::unique_ptr<Sha256> m_hash;
    std::vector<Chunk> m_chunks;
};


// The hex SHA-256 of one current row, read back from the database.
// Throws std::logic_error when there is no such row.
std::string row_digest(SQLite::Database& db, DigestTable table, std::int64_t id,
                       StatementCache* cache = nullptr);

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
