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
#include <unordered_map>
#include <unordered_set>

namespace massagelog {

std::string_view to_string(DigestTable t)
{
    switch (t) {
    case DigestTable::therapists: return "therapists";
    case DigestTable::clients: return "clients";
    case DigestTable::sessions: return "sessions";
    case DigestTable::reports: return "reports";
    case DigestTable::followups: return "followups";
    case DigestTable::flag_reviews: return "flag_reviews";
    }
    return "?";
}

std::string_view entity_of(DigestTable t)
{
    switch (t) {
    case DigestTable::therapists: return "therapist";
    case DigestTable::clients: return "client";
    case DigestTable::sessions: return "session";
    case DigestTable::reports: return "report";
    case DigestTable::followups: return "followup";
    case DigestTable::flag_reviews: return "flag"; // a review of a flag
    }
    return "?";
}

std::optional<DigestTable> digest_table_of_entity(std::string_view entity)
{
    for (DigestTable t : k_digest_tables)
        if (entity_of(t) == entity)
            return t;
    return std::nullopt;
}

namespace {

constexpr std::int64_t k_lowest_id = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t k_highest_id = std::numeric_limits<std::int64_t>::max();

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

// Walks the rows of one table with ids in [first, last] in id order, each
// with its digest; a session's regions are read beside it.
class RowScan {
public:
    RowScan(SQLite::Database& db, DigestTable table, std::int64_t first, std::int64_t last)
        : m_table(table),
          // The table name comes from the list above, never from input.
          m_rows(db, fmt::format("SELECT * FROM {} WHERE id BETWEEN ? AND ? ORDER BY id",
                                 to_string(table)))
    {
        m_rows.bind(1, first);
        m_rows.bind(2, last);
        if (table == DigestTable::sessions) {
            m_regions = std::make_unique<SQLite::Statement>(
                db, "SELECT * FROM session_regions WHERE session_id BETWEEN ? AND ? "
                    "ORDER BY session_id, region_id, side");
            m_regions->bind(1, first);
            m_regions->bind(2, last);
            m_region_ready = m_regions->executeStep();
        }
    }

    bool next()
    {
        if (!m_rows.executeStep()) {
            while (m_region_ready) {
                m_orphans.push_back(m_regions->getColumn(0).getInt64());
                m_region_ready = m_regions->executeStep();
            }
            return false;
        }
        m_id = m_rows.getColumn(0).getInt64();
        CanonicalRow row(m_table);
        append_columns(row, m_rows);
        if (m_regions) {
            // Regions of sessions that do not exist come before this one.
            while (m_region_ready && m_regions->getColumn(0).getInt64() < m_id) {
                m_orphans.push_back(m_regions->getColumn(0).getInt64());
                m_region_ready = m_regions->executeStep();
            }
            while (m_region_ready && m_regions->getColumn(0).getInt64() == m_id) {
                row.child();
                append_columns(row, *m_regions);
                m_region_ready = m_regions->executeStep();
            }
        }
        m_digest = row.digest();
        return true;
    }

    std::int64_t id() const { return m_id; }
    const Sha256Digest& digest() const { return m_digest; }
    // Session ids that regions name but no session has (foreign keys off).
    const std::vector<std::int64_t>& orphans() const { return m_orphans; }

private:
    DigestTable m_table;
    SQLite::Statement m_rows;
    std::unique_ptr<SQLite::Statement> m_regions;
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

} // namespace

CanonicalRow::CanonicalRow(DigestTable table) : m_bytes(to_string(table))
{
    m_bytes += '\n';
}

void CanonicalRow::null()
{
    m_bytes += '-';
}

void CanonicalRow::integer(std::int64_t value)
{
    char digits[24];
    auto end = std::to_chars(std::begin(digits), std::end(digits), value).ptr;
    text(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void CanonicalRow::text(std::string_view value)
{
    char size[24];
    auto end = std::to_chars(std::begin(size), std::end(size), value.size()).ptr;
    m_bytes.append(size, end);
    m_bytes += ':';
    m_bytes += value;
}

void CanonicalRow::opt_text(const std::optional<std::string>& value)
{
    if (value)
        text(*value);
    else
        null();
}

void CanonicalRow::child()
{
    m_bytes += '\n';
}

std::string row_digest(SQLite::Database& db, DigestTable table, std::int64_t id)
{
    RowScan scan(db, table, id, id);
    if (!scan.next())
        throw std::logic_error(fmt::format("{} {} does not exist", entity_of(table), id));
    return to_hex(scan.digest());
}

IdRuns id_runs(std::vector<std::int64_t> ids)
{
    std::sort(ids.begin(), ids.end());
    IdRuns runs;
    for (std::int64_t id : ids) {
        if (!runs.empty() && (runs.back().second == id || runs.back().second + 1 == id))
            runs.back().second = id;
        else
            runs.emplace_back(id, id);
    }
    return runs;
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
        BulkDigest rows;
        rows.add_rows(db, table, {{k_lowest_id, k_highest_id}});
        auto digests = rows.json();
        if (digests["rows"] != 0)
            out[std::string(to_string(table))] = std::move(digests);
    }
    return out;
}

namespace {

// One row's change as its audit row recorded it.
struct Single {
    std::int64_t audit_id;
    Sha256Digest after;
    std::optional<Sha256Digest> before; // empty for a new row
};

// A digest as an audit row holds it (64 hex digits), or nothing.
std::optional<Sha256Digest> from_hex(const nlohmann::json& j)
{
    if (!j.is_string() || j.get_ref<const std::string&>().size() != 64)
        return std::nullopt;
    const auto& hex = j.get_ref<const std::string&>();
    Sha256Digest out{};
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto [end, ec] = std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, out[i], 16);
        if (ec != std::errc() || end != hex.data() + 2 * i + 2)
            return std::nullopt;
    }
    return out;
}

struct RowEvents {
    std::vector<Single> changes; // in audit order
    bool seen = false;
};

// One bulk write being checked, walked position by position with the scan.
class Bulk {
public:
    Bulk(std::int64_t audit_id, const nlohmann::json& j)
        : m_audit_id(audit_id), m_chunk(j.at("chunk").get<long long>()), m_digest(m_chunk)
    {
        for (const auto& r : j.at("ids"))
            m_runs.emplace_back(r.at(0).get<std::int64_t>(), r.at(1).get<std::int64_t>());
        for (const auto& s : j.at("sha256"))
            m_expected.push_back(s.get<std::string>());
        if (!m_runs.empty())
            m_next = m_runs.front().first;
    }

    std::int64_t audit_id() const { return m_audit_id; }

    // Moves past the ids before `id` (each one missing, handed to `missing`)
    // and tells whether `id` is one this bulk wrote.
    template <class Missing> bool reach(std::int64_t id, Missing&& missing)
    {
        while (more() && m_next < id) {
            missing(m_next);
            m_digest.miss(m_next);
            advance();
        }
        return more() && m_next == id;
    }

    void add(const Sha256Digest& digest)
    {
        m_digest.add(m_next, digest);
        advance();
    }

    // After the scan: the chunks whose rows differ from what was written
    // (chunks with a missing row are named through that row instead).
    template <class Missing, class Changed> void finish(Missing&& missing, Changed&& changed)
    {
        reach(k_highest_id, missing);
        if (m_next == k_highest_id && more()) { // the highest id itself
            missing(m_next);
            m_digest.miss(m_next);
            advance();
        }
        auto chunks = m_digest.finish();
        for (std::size_t i = 0; i < chunks.size(); ++i) {
            const auto& c = chunks[i];
            bool same = i < m_expected.size() && m_expected[i] == c.sha256;
            if (!c.missing_row && !same)
                changed(c.first, c.last);
        }
    }

private:
    bool more() const { return m_run < m_runs.size(); }
    void advance()
    {
        if (m_next < m_runs[m_run].second) {
            ++m_next;
            return;
        }
        if (++m_run < m_runs.size())
            m_next = m_runs[m_run].first;
    }

    std::int64_t m_audit_id;
    long long m_chunk;
    IdRuns m_runs;
    std::vector<std::string> m_expected;
    std::size_t m_run = 0;
    std::int64_t m_next = 0;
    ChunkedDigest m_digest;
};

// What the audit log holds for one table.
struct TableRecord {
    std::unordered_map<std::int64_t, RowEvents> rows;
    std::vector<Bulk> bulks;
};

template <class Problem>
std::unordered_map<DigestTable, TableRecord> read_audit_digests(SQLite::Database& db,
                                                                Problem&& problem)
{
    std::unordered_map<DigestTable, TableRecord> out;
    SQLite::Statement q(db, "SELECT id, entity, entity_id, detail FROM audit_log "
                            "WHERE instr(detail, '\"digest') > 0 ORDER BY id");
    while (q.executeStep()) {
        std::int64_t audit_id = q.getColumn(0).getInt64();
        auto detail = nlohmann::json::parse(q.getColumn(3).getString(), nullptr, false);
        if (!detail.is_object())
            continue; // the chain check names an unreadable detail
        if (auto d = detail.find("digests"); d != detail.end() && d->is_object()) {
            for (DigestTable t : k_digest_tables) {
                auto b = d->find(std::string(to_string(t)));
                if (b == d->end())
                    continue;
                try {
                    out[t].bulks.emplace_back(audit_id, *b);
                } catch (const std::exception&) { // not the shape written
                    problem(fmt::format("audit row {} holds digests of {} that cannot be read",
                                        audit_id, to_string(t)));
                }
            }
        }
        auto table = digest_table_of_entity(q.getColumn(1).getString());
        if (!table || q.getColumn(2).isNull() || !detail.contains("digest"))
            continue;
        auto after = from_hex(detail["digest"]);
        std::optional<Sha256Digest> before;
        if (detail.contains("digest_before"))
            before = from_hex(detail["digest_before"]);
        if (!after || (detail.contains("digest_before") && !before))
            problem(fmt::format("audit row {} holds a digest that cannot be read", audit_id));
        else
            out[*table].rows[q.getColumn(2).getInt64()].changes.push_back(
                {audit_id, *after, before});
    }
    return out;
}

// The row's digest as it stood at audit row `audit_id`: what the first
// later change found before it, else what it is now.
const Sha256Digest& digest_at(const RowEvents* events, std::int64_t audit_id,
                              const Sha256Digest& now)
{
    if (events)
        for (const Single& s : events->changes)
            if (s.audit_id > audit_id && s.before)
                return *s.before;
    return now;
}

} // namespace

RowDigestCheck verify_row_digests(SQLite::Database& db)
{
    RowDigestCheck check;
    check.applies = db.execAndGet("PRAGMA user_version").getInt() >= k_row_digest_version;
    if (!check.applies)
        return check;
    auto problem = [&check](std::string text) {
        if (check.problem_count++ < RowDigestCheck::k_problems_listed)
            check.problems.push_back(std::move(text));
    };
    auto record = read_audit_digests(db, problem);
    for (DigestTable table : k_digest_tables) {
        TableRecord& r = record[table];
        std::string_view entity = entity_of(table);
        std::unordered_set<std::int64_t> reported_missing;
        auto missing = [&](std::int64_t id) {
            if (reported_missing.insert(id).second)
                problem(fmt::format("{} {} is missing: it was removed behind massagelog's back",
                                    entity, id));
        };
        RowScan scan(db, table, k_lowest_id, k_highest_id);
        while (scan.next()) {
            ++check.rows;
            std::int64_t id = scan.id();
            auto found = r.rows.find(id);
            RowEvents* events = found == r.rows.end() ? nullptr : &found->second;
            bool recorded = events != nullptr;
            std::int64_t latest_bulk = 0; // the last bulk write that covers the row
            for (Bulk& b : r.bulks) {
                if (b.reach(id, missing)) {
                    recorded = true;
                    latest_bulk = b.audit_id();
                    b.add(digest_at(events, b.audit_id(), scan.digest()));
                }
            }
            if (events) {
                events->seen = true;
                const Single& latest = events->changes.back();
                // A later bulk write (a new baseline) checks the row instead.
                if (latest.audit_id > latest_bulk && latest.after != scan.digest())
                    problem(fmt::format("{} {} was changed behind massagelog's back (it differs "
                                        "from what audit row {} recorded)",
                                        entity, id, latest.audit_id));
            }
            if (!recorded)
                problem(fmt::format("{} {} was written behind massagelog's back (no audit row "
                                    "records it)",
                                    entity, id));
        }
        for (std::int64_t session : scan.orphans())
            problem(fmt::format("regions of session {}, which does not exist, were written "
                                "behind massagelog's back",
                                session));
        for (Bulk& b : r.bulks)
            b.finish(missing, [&](std::int64_t first, std::int64_t last) {
                problem(fmt::format("{} {}..{} were changed behind massagelog's back (one or "
                                    "more differ from what audit row {} recorded)",
                                    to_string(table), first, last, b.audit_id()));
            });
        std::vector<std::int64_t> unseen;
        for (const auto& [id, events] : r.rows)
            if (!events.seen)
                unseen.push_back(id);
        std::sort(unseen.begin(), unseen.end());
        for (std::int64_t id : unseen)
            missing(id);
    }
    return check;
}

} // namespace massagelog
