#include "massagelog/records/session_inserts.hpp"

#include "massagelog/store/row_digests.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <tuple>

namespace massagelog {

namespace {

constexpr const char* k_insert_session =
    "INSERT INTO sessions (id, client_id, therapist_id, started_at, duration_min, technique_id, "
    "pressure, notes, created_by, created_at, voided_at, void_reason) VALUES ";
constexpr int k_session_columns = 12;
constexpr const char* k_insert_region =
    "INSERT INTO session_regions (session_id, region_id, side, pressure, focal) VALUES ";
constexpr int k_region_columns = 5;
// Rows per multi-row statement.
constexpr std::size_t k_batch_sessions = SessionWriter::k_batch;
constexpr std::size_t k_batch_regions = 128;

// A session's columns go, in the table's order (that of k_insert_session
// and k_insert_region), either into a statement's parameters or into the
// session's canonical row: what is written and what is digested are one list.
template <class Out> void session_columns(Out& out, const PendingSession& p)
{
    if (p.id)
        out.integer(*p.id);
    else
        out.null();
    out.integer(p.client_id);
    out.integer(p.therapist_id);
    out.text(p.started_at);
    out.integer(p.duration_min);
    out.integer(p.technique_id);
    out.integer(p.pressure);
    out.opt_text(p.notes);
    out.text(p.created_by);
    out.text(p.created_at);
    out.opt_text(p.voided_at);
    out.opt_text(p.void_reason);
}

template <class Out>
void region_columns(Out& out, std::int64_t session_id, const PendingSession::Worked& r)
{
    out.integer(session_id);
    out.integer(r.region_id);
    out.text(r.side);
    out.integer(r.pressure);
    out.integer(r.focal ? 1 : 0);
}

// Binds columns to a statement's parameters from `first` on. Texts are
// bound without a copy: they must outlive the statement's next step.
class Binder {
public:
    Binder(SQLite::Statement& q, int first) : m_q(q), m_i(first) {}
    void null() { m_q.bind(m_i++); }
    void integer(std::int64_t v) { m_q.bind(m_i++, v); }
    void text(const std::string& s) { m_q.bindNoCopy(m_i++, s); }
    // A side's name: a string literal, so it ends in NUL.
    void text(std::string_view literal) { m_q.bindNoCopy(m_i++, literal.data()); }
    void opt_text(const std::optional<std::string>& s)
    {
        if (s)
            text(*s);
        else
            null();
    }

private:
    SQLite::Statement& m_q;
    int m_i;
};

void bind_session(SQLite::Statement& q, int first, const PendingSession& p)
{
    Binder out(q, first);
    session_columns(out, p);
}

void bind_region(SQLite::Statement& q, int first, std::int64_t session_id,
                 const PendingSession::Worked& r)
{
    Binder out(q, first);
    region_columns(out, session_id, r);
}


} // namespace

Sha256Digest digest_of(const PendingSession& p)
{
    CanonicalRow row(DigestTable::sessions);
    session_columns(row, p);
    std::vector<const PendingSession::Worked*> regions;
    for (const auto& r : p.regions)
        regions.push_back(&r);
    std::sort(regions.begin(), regions.end(), [](const auto* a, const auto* b) {
        return std::tie(a->region_id, a->side) < std::tie(b->region_id, b->side);
    });
    for (const auto* r : regions) {
        row.child();
        region_columns(row, *p.id, *r);
    }
    return row.digest();
}

SessionInserts::SessionInserts(SQLite::Database& db, StatementCache* cache)
    : m_db(db), m_sessions(db, k_insert_session, k_session_columns, k_batch_sessions, cache),
      m_regions(db, k_insert_region, k_region_columns, k_batch_regions, cache)
{
}

std::int64_t SessionInserts::one(const PendingSession& p)
{
    auto& q = m_sessions.statement(1);
    bind_session(q, 1, p);
    q.exec();
    std::int64_t id = m_db.getLastInsertRowid();
    for (const auto& r : p.regions)
        region(id, r);
    return id;
}

void SessionInserts::many(std::span<const PendingSession> rows, const Refused& refused)
{
    in_chunks(m_sessions, rows, bind_session,
              [&](std::span<const PendingSession> chunk) { regions(chunk, refused); },
              [&](std::span<const PendingSession> chunk) { each(chunk, refused); });
}

void SessionInserts::region(std::int64_t session_id, const PendingSession::Worked& r)
{
    auto& a = m_regions.statement(1);
    bind_region(a, 1, session_id, r);
    a.exec();
}

void SessionInserts::each(std::span<const PendingSession> rows, const Refused& refused)
{
    for (const auto& p : rows)
        attempt([&] { one(p); },
                [&](const SQLite::Exception& e) {
                    refused({p.tag, p.id,
                             e.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY,
                             e.what()});
                });
}

void SessionInserts::regions(std::span<const PendingSession> sessions, const Refused& refused)
{
    m_worked.clear();
    for (const auto& p : sessions)
        for (const auto& r : p.regions)
            m_worked.push_back({&p, &r});
    in_chunks(
        m_regions, std::span<const Worked>(m_worked),
        [](SQLite::Statement& q, int first, const Worked& w) {
            bind_region(q, first, *w.session->id, *w.region);
        },
        [](std::span<const Worked>) {},
        [&](std::span<const Worked> chunk) {
            for (const auto& w : chunk) // again one by one, to name the row
                attempt([&] { region(*w.session->id, *w.region); },
                        [&](const SQLite::Exception& e) {
                            refused({w.session->tag, w.session->id, false, e.what()});
                        });
        });
}

} // namespace massagelog
