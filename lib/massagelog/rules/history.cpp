#include "massagelog/rules/history.hpp"

#include "massagelog/store/clinic.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <sqlite3.h>
#include <unordered_set>

namespace massagelog {

namespace {

// Ordered so that each client's rows, and within them each episode's, come
// together: the reports_client index gives this order without sorting.
// One client's reports join their sessions.
constexpr const char* k_client_history_sql = R"sql(
SELECT r.client_id, s.id, s.started_at,
       r.id, r.reported_at, r.onset_at, r.region_id, r.side, r.kind, r.severity, r.frequency,
       r.still_present, r.resolved_at, r.weakness, r.loss_of_control, r.pain, r.fatigue,
       r.vision_changes, r.numbness, r.stiffness, r.created_at
  FROM reports r
  JOIN sessions s ON s.id = r.session_id
 WHERE s.voided_at IS NULL
   AND s.started_at <= :as_of AND r.reported_at <= :as_of AND r.client_id = :client_id
 ORDER BY r.client_id, r.session_id, r.region_id, r.side, r.onset_at)sql";

// The whole clinic's reports read the index alone, in the same order and
// columns (the session's start comes from ClinicSessions): looking each
// report's session up in the table was nine tenths of the time.
constexpr const char* k_clinic_history_sql = R"sql(
SELECT r.client_id, r.session_id, NULL,
       r.id, r.reported_at, r.onset_at, r.region_id, r.side, r.kind, r.severity, r.frequency,
       r.still_present, r.resolved_at, r.weakness, r.loss_of_control, r.pain, r.fatigue,
       r.vision_changes, r.numbness, r.stiffness, r.created_at
  FROM reports r INDEXED BY reports_client
 WHERE r.reported_at <= :as_of
 ORDER BY r.client_id, r.session_id, r.region_id, r.side, r.onset_at)sql";

// The hot loop reads columns through SQLite's C API: SQLiteCpp's Column
// copies a shared pointer (two atomic operations) for every cell, which on
// the whole clinic's 300,000 reports x 20 columns was a tenth of the time.

std::string_view text(sqlite3_stmt* q, int i)
{
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(q, i));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(q, i)))
             : std::string_view();
}

bool is_null(sqlite3_stmt* q, int i)
{
    return sqlite3_column_type(q, i) == SQLITE_NULL;
}

Tri tri_column(sqlite3_stmt* q, int i)
{
    return is_null(q, i) ? Tri::unknown : tri_from_db(sqlite3_column_int(q, i));
}

Side side_column(sqlite3_stmt* q, int i)
{
    switch (text(q, i)[0]) {
    case 'l':
        return Side::left;
    case 'r':
        return Side::right;
    case 'b':
        return Side::both;
    default:
        return Side::midline;
    }
}

ReactionKind kind_column(sqlite3_stmt* q, int i)
{
    char c = text(q, i)[0];
    return c == 't' ? ReactionKind::twitch : c == 's' ? ReactionKind::spasm : ReactionKind::cramp;
}

std::optional<Frequency> frequency_column(sqlite3_stmt* q, int i)
{
    if (is_null(q, i))
        return std::nullopt;
    char c = text(q, i)[0];
    return c == 'o' ? Frequency::occasional : c == 'f' ? Frequency::frequent : Frequency::constant;
}

// Points each episode at its reports (`first` holds where each episode's
// run starts) and sorts each run by report time.
void settle(ClientHistory& h, const std::vector<std::size_t>& first)
{
    for (std::size_t i = 0; i < h.episodes.size(); ++i) {
        std::size_t end = i + 1 < first.size() ? first[i + 1] : h.reports.size();
        auto begin = h.reports.begin() + static_cast<std::ptrdiff_t>(first[i]);
        auto stop = h.reports.begin() + static_cast<std::ptrdiff_t>(end);
        std::sort(begin, stop, [](const ReportFacts& a, const ReportFacts& b) {
            return a.reported_at != b.reported_at ? a.reported_at < b.reported_at : a.id < b.id;
        });
        h.episodes[i].reports = {h.reports.data() + first[i], end - first[i]};
    }
}

// The reports of one session and region, as read: they become its
// episodes once all are in (a report on side both joins the left and the
// right episode).
struct RegionReports {
    std::int64_t session_id = 0;
    Instant session_started{};
    const Region* region = nullptr;
    std::vector<ReportFacts> reports;
};

// Adds the episodes of `group` to `h`, their reports to h.reports (a
// report on side both once for each side it joins) and where each
// episode's reports start to `first`.
void add_episodes(ClientHistory& h, std::vector<std::size_t>& first, const RegionReports& group)
{
    bool sided = false, both = false;
    for (const ReportFacts& r : group.reports) {
        sided = sided || r.side == Side::left || r.side == Side::right;
        both = both || r.side == Side::both;
    }
    // With only "both" (or midline) reports, each side stays as reported.
    auto add = [&](Side side, auto&& belongs) {
        std::size_t start = h.reports.size();
        for (const ReportFacts& r : group.reports)
            if (belongs(r))
                h.reports.push_back(r);
        if (h.reports.size() == start)
            return;
        Episode e;
        e.session_id = group.session_id;
        e.session_started = group.session_started;
        e.region = group.region;
        e.side = side;
        h.episodes.push_back(e);
        first.push_back(start);
    };
    if (both && !sided) {
        add(Side::both, [](const ReportFacts& r) { return r.side == Side::both; });
    } else {
        for (Side side : {Side::left, Side::right})
            add(side, [&](const ReportFacts& r) { return r.side == side || r.side == Side::both; });
    }
    add(Side::midline, [](const ReportFacts& r) { return r.side == Side::midline; });
}

SessionVisit session_visit(std::int64_t id, std::string_view started)
{
    SessionVisit v;
    v.id = id;
    std::copy_n(started.begin(), std::min(started.size(), v.started.size()), v.started.begin());
    return v;
}

// One client's sessions that count and started from `from` to `to` (stored
// forms), by start.
void read_client_sessions(Clinic& clinic, std::int64_t client_id, const std::string& from,
                          const std::string& to, std::vector<SessionVisit>& visits)
{
    sqlite3* db = clinic.db().getHandle();
    // From the sessions_client index alone (the session's id is its rowid),
    // with the few voided sessions looked up in their own index: testing
    // voided_at on the row itself read each session from the table.
    auto q = clinic.raw_statement(R"sql(
SELECT s.id, s.started_at FROM sessions s INDEXED BY sessions_client
 WHERE s.client_id = :client_id AND s.started_at >= :from AND s.started_at <= :to
   AND NOT EXISTS (SELECT 1 FROM sessions v INDEXED BY sessions_voided
                    WHERE v.id = s.id AND v.voided_at IS NOT NULL)
 ORDER BY s.started_at, s.id)sql");
    sqlite3_bind_int64(q.get(), sqlite3_bind_parameter_index(q.get(), ":client_id"), client_id);
    sqlite3_bind_text(q.get(), sqlite3_bind_parameter_index(q.get(), ":from"), from.c_str(),
                      static_cast<int>(from.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(q.get(), sqlite3_bind_parameter_index(q.get(), ":to"), to.c_str(),
                      static_cast<int>(to.size()), SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(q.get())) == SQLITE_ROW)
        visits.push_back(session_visit(sqlite3_column_int64(q.get(), 0), text(q.get(), 1)));
    if (rc != SQLITE_DONE)
        throw SQLite::Exception(db, rc);
}

// The sessions of `h` (its reports read) that a walk back of `look_back`
// from one of its onsets meets, as of `as_of` (stored form).
void read_looked_back(Clinic& clinic, ClientHistory& h, std::chrono::days look_back,
                      const std::string& as_of)
{
    if (h.reports.empty())
        return;
    auto [first, last] = std::minmax_element(
        h.reports.begin(), h.reports.end(),
        [](const ReportFacts& a, const ReportFacts& b) { return a.onset_at < b.onset_at; });
    // The walk measures the look-back in clinic time, which a change of the
    // zone's offset moves against UTC by a day at most.
    std::string from = to_utc_text(first->onset_at - look_back - std::chrono::days{2});
    std::string to = std::min(to_utc_text(last->onset_at), as_of);
    read_client_sessions(clinic, h.client_id, from, to, h.sessions);
}

// Each client's sessions, read from the sessions_client index in client
// order beside the reports: one pass over a narrow index instead of a
// lookup per report. Whether a session counts as of the instant asked
// (started by then, not voided; voided sessions are few and have an index
// of their own) is decided on the stored text, without parsing it.
class ClinicSessions {
public:
    ClinicSessions(sqlite3* db, std::string as_of)
        : m_query(prepare_raw(db, "SELECT client_id, id, started_at FROM sessions INDEXED BY "
                              "sessions_client ORDER BY client_id")),
          m_as_of(std::move(as_of))
    {
        RawStatement voided = prepare_raw(
            db, "SELECT id FROM sessions INDEXED BY sessions_voided WHERE voided_at IS NOT NULL");
        int rc;
        while ((rc = sqlite3_step(voided.get())) == SQLITE_ROW)
            m_voided.insert(sqlite3_column_int64(voided.get(), 0));
        if (rc != SQLITE_DONE)
            throw SQLite::Exception(db, rc);
        step();
    }

    // Moves to `client` (clients come in ascending order) and puts in
    // `visits` its sessions that count, by start (the index's order).
    void start(std::int64_t client, std::vector<SessionVisit>& visits)
    {
        m_client.clear();
        visits.clear();
        sqlite3_stmt* q = m_query.get();
        while (m_has_row && sqlite3_column_int64(q, 0) < client)
            step();
        while (m_has_row && sqlite3_column_int64(q, 0) == client) {
            SessionVisit v = session_visit(sqlite3_column_int64(q, 1), text(q, 2));
            m_client.push_back(v);
            if (counts(v))
                visits.push_back(v);
            step();
        }
        std::sort(m_client.begin(), m_client.end(),
                  [](const SessionVisit& a, const SessionVisit& b) { return a.id < b.id; });
    }

    // The start of the current client's session `id`, if it counts.
    std::optional<Instant> started(std::int64_t id) const
    {
        auto it = std::lower_bound(m_client.begin(), m_client.end(), id,
                                   [](const SessionVisit& e, std::int64_t v) { return e.id < v; });
        if (it == m_client.end() || it->id != id || !counts(*it))
            return std::nullopt;
        return it->started_at();
    }

private:
    // Started by the instant asked, and not voided.
    bool counts(const SessionVisit& v) const
    {
        // The stored form orders as the instants do.
        return std::string_view(v.started.data(), v.started.size()) <= m_as_of &&
               !m_voided.contains(v.id);
    }

    void step()
    {
        int rc = sqlite3_step(m_query.get());
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            throw SQLite::Exception(sqlite3_db_handle(m_query.get()), rc);
        m_has_row = rc == SQLITE_ROW;
    }

    RawStatement m_query;
    std::string m_as_of; // stored form
    std::unordered_set<std::int64_t> m_voided;
    std::vector<SessionVisit> m_client; // by id
    bool m_has_row = false;
};

} // namespace

void each_client_history(Clinic& clinic, const Catalog& catalog,
                         std::optional<std::int64_t> client_id, Instant as_of,
                         std::chrono::days look_back,
                         const std::function<void(const ClientHistory&)>& visit,
                         ArchivedClients archived_clients)
{
    sqlite3* db = clinic.db().getHandle();
    auto query = clinic.raw_statement(client_id ? k_client_history_sql : k_clinic_history_sql);
    sqlite3_stmt* q = query.get();
    std::string as_of_text = to_utc_text(as_of);
    std::optional<ClinicSessions> sessions;
    if (!client_id)
        sessions.emplace(db, as_of_text);
    sqlite3_bind_text(q, sqlite3_bind_parameter_index(q, ":as_of"), as_of_text.c_str(),
                      static_cast<int>(as_of_text.size()), SQLITE_TRANSIENT);
    if (client_id)
        sqlite3_bind_int64(q, sqlite3_bind_parameter_index(q, ":client_id"), *client_id);
    // Archived clients are few: one set, rather than a lookup per client.
    std::unordered_set<std::int64_t> archived;
    if (!client_id && archived_clients == ArchivedClients::skip) {
        SQLite::Statement a(clinic.db(), "SELECT id FROM clients WHERE archived_at IS NOT NULL");
        while (a.executeStep())
            archived.insert(a.getColumn(0).getInt64());
    }

    ClientHistory current;
    std::vector<std::size_t> first; // where each episode's reports start
    RegionReports group;            // the session and region being read
    bool in_group = false;          // group holds reports of a session that counts
    bool any = false;
    bool skip = false;
    auto end_group = [&] {
        if (in_group)
            add_episodes(current, first, group);
        in_group = false;
        group.reports.clear();
    };
    auto finish = [&] {
        end_group();
        if (any && !skip) {
            if (!sessions)
                read_looked_back(clinic, current, look_back, as_of_text);
            settle(current, first);
            visit(current);
        }
        current.episodes.clear();
        current.reports.clear();
        current.sessions.clear();
        first.clear();
    };
    std::int64_t group_session = -1;
    const Region* group_region = nullptr;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        std::int64_t id = sqlite3_column_int64(q, 0);
        if (!any || id != current.client_id) {
            finish();
            any = true;
            current.client_id = id;
            skip = archived.count(id) != 0;
            group_session = -1;
            if (sessions && !skip)
                sessions->start(id, current.sessions);
        }
        if (skip)
            continue;
        std::int64_t session = sqlite3_column_int64(q, 1);
        const Region* region = &catalog.region_by_id(sqlite3_column_int64(q, 6));
        if (session != group_session || region != group_region) {
            end_group();
            group_session = session;
            group_region = region;
            std::optional<Instant> started;
            if (sessions)
                started = sessions->started(session); // empty: voided, or not started by as_of
            else
                started = from_utc_text(text(q, 2));
            if (!started)
                continue;
            in_group = true;
            group.session_id = session;
            group.session_started = *started;
            group.region = region;
        }
        if (!in_group)
            continue;
        ReportFacts r;
        r.id = sqlite3_column_int64(q, 3);
        r.reported_at = from_utc_text(text(q, 4));
        r.onset_at = from_utc_text(text(q, 5));
        r.side = side_column(q, 7);
        r.kind = kind_column(q, 8);
        r.severity = sqlite3_column_int(q, 9);
        r.frequency = frequency_column(q, 10);
        r.still_present = tri_column(q, 11);
        if (!is_null(q, 12))
            r.resolved_at = from_utc_text(text(q, 12));
        for (int i = 0; i < 7; ++i)
            r.symptoms.values[static_cast<std::size_t>(i)] = tri_column(q, 13 + i);
        // Stored forms order as the instants do: the later is parsed only
        // when the report was entered after it was told.
        std::string_view created = text(q, 20);
        r.known_at = created > text(q, 4) ? from_utc_text(created) : r.reported_at;
        group.reports.push_back(r);
    }
    if (rc != SQLITE_DONE)
        throw SQLite::Exception(db, rc);
    finish();
}

} // namespace massagelog
