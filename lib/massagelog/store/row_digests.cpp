#include "massagelog/store/row_digests.hpp"

#include "massagelog/store/audit.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <memory>
#include <stdexcept>

namespace massagelog {

// Every column of the current row, in the table's order. SELECT * means a
// column a later migration adds is covered too (that migration records a
// new baseline).
void append_columns(CanonicalRow& row, SQLite::Statement& q)
{
    for (int i = 0; i < q.getColumnCount(); ++i) {
        SQLite::Column c = q.getColumn(i);
        switch (c.getType()) {
        case SQLITE_NULL:
            row.null();
            break;
        case SQLITE_INTEGER:
            row.integer(c.getInt64());
            break;
        default: // text (STRICT tables hold no other type here)
            row.text(std::string_view(c.getText(), static_cast<std::size_t>(c.getBytes())));
        }
    }
}

RowScan::RowScan(SQLite::Database& db, DigestTable table, std::int64_t first, std::int64_t last,
                 StatementCache* cache)
    : m_table(table),
      // The table name comes from the list above, never from input.
      m_rows(StatementCache::from(
          cache, db,
          fmt::format("SELECT * FROM {} WHERE id BETWEEN ? AND ? ORDER BY id", to_string(table))))
{
    m_rows->bind(1, first);
    m_rows->bind(2, last);
    if (table == DigestTable::sessions) {
        m_regions.emplace(StatementCache::from(
            cache, db,
            "SELECT * FROM session_regions WHERE session_id BETWEEN ? AND ? "
            "ORDER BY session_id, region_id, side"));
        regions().bind(1, first);
        regions().bind(2, last);
        m_region_ready = regions().executeStep();
    }
}

bool RowScan::next()
{
    if (!m_rows->executeStep()) {
        while (m_region_ready) {
            m_orphans.push_back(regions().getColumn(0).getInt64());
            m_region_ready = regions().executeStep();
        }
        return false;
    }
    m_id = m_rows->getColumn(0).getInt64();
    CanonicalRow row(m_table);
    append_columns(row, *m_rows);
    if (m_regions) {
        // Regions of sessions that do not exist come before this one.
        while (m_region_ready && regions().getColumn(0).getInt64() < m_id) {
            m_orphans.push_back(regions().getColumn(0).getInt64());
            m_region_ready = regions().executeStep();
        }
        while (m_region_ready && regions().getColumn(0).getInt64() == m_id) {
            row.child();
            append_columns(row, regions());
            m_region_ready = regions().executeStep();
        }
    }
    m_digest = row.digest();
    return true;
}

std::string row_digest(SQLite::Database& db, DigestTable table, std::int64_t id,
                       StatementCache* cache)
{
    RowScan scan(db, table, id, id, cache);
    if (!scan.next())
        throw std::logic_error(fmt::format("{} {} does not exist", entity_of(table), id));
    return to_hex(scan.digest());
}

void BulkDigest::add_rows(SQLite::Database& db, DigestTable table, const IdRuns& runs)
{
    for (const auto& [first, last] : runs) {
        RowScan scan(db, table, first, last);
        while (scan.next())
            add(scan.id(), scan.digest());
    }
}

nlohmann::json BulkDigest::json()
{
    // Rows come in id order from a scan, and in file order (mostly the
    // same) from a writer.
    if (!std::is_sorted(m_rows.begin(), m_rows.end(),
                        [](const auto& a, const auto& b) { return a.first < b.first; }))
        std::sort(m_rows.begin(), m_rows.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
    nlohmann::json ids = nlohmann::json::array();
    ChunkedDigest chunks(k_digest_chunk);
    std::optional<std::pair<std::int64_t, std::int64_t>> run;
    for (const auto& [id, digest] : m_rows) {
        if (run && run->second + 1 == id) {
            run->second = id;
        } else {
            if (run)
                ids.push_back({run->first, run->second});
            run.emplace(id, id);
        }
        chunks.add(id, digest);
    }
    if (run)
        ids.push_back({run->first, run->second});
    nlohmann::json sums = nlohmann::json::array();
    for (auto& c : chunks.finish())
        sums.push_back(std::move(c.sha256));
    return {{"ids", ids},
            {"rows", m_rows.size()},
            {"chunk", k_digest_chunk},
            {"sha256", sums}};
}

nlohmann::json all_rows_digests(SQLite::Database& db)
{
    nlohmann::json out = nlohmann::json::object();
    for (DigestTable table : k_digest_tables) {
        // A migration before the one that brought a table digests the
        // tables there are.
        if (!db.tableExists(std::string(to_string(table))))
            continue;
        BulkDigest rows;
        rows.add_rows(db, table, {{k_lowest_id, k_highest_id}});
        auto digests = rows.json();
        if (digests["rows"] != 0)
            out[std::string(to_string(table))] = std::move(digests);
    }
    return out;
}

} // namespace massagelog
