#include "massagelog/history.hpp"

#include "massagelog/clinic.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>

namespace massagelog {

Instant Episode::onset() const
{
    Instant first = reports.front().onset_at;
    for (const auto& r : reports)
        first = std::min(first, r.onset_at);
    return first;
}

std::optional<Instant> Episode::closed_at() const
{
    std::optional<Instant> closed;
    for (const auto& r : reports) {
        std::optional<Instant> at;
        if (r.resolved_at)
            at = r.resolved_at;
        else if (r.still_present == Tri::no)
            at = r.reported_at;
        if (at && (!closed || *at < *closed))
            closed = at;
    }
    return closed;
}

Instant Episode::latest_report() const
{
    return reports.back().reported_at;
}

std::string Episode::key() const
{
    return fmt::format("s{}:{}:{}", session_id, region->name, to_string(side));
}

namespace {

// Ordered so that each client's rows, and within them each episode's, come
// together: the reports_client index gives this order without sorting.
constexpr const char* k_history_sql = R"sql(
SELECT r.client_id, s.id, s.started_at,
       r.id, r.reported_at, r.onset_at, r.region_id, r.side, r.kind, r.severity, r.frequency,
       r.still_present, r.resolved_at, r.weakness, r.loss_of_control, r.pain, r.fatigue,
       r.vision_changes, r.numbness, r.stiffness
  FROM reports r
  JOIN sessions s ON s.id = r.session_id
 WHERE s.voided_at IS NULL
   AND s.started_at <= :as_of AND r.reported_at <= :as_of {}
 ORDER BY r.client_id, r.session_id, r.region_id, r.side, r.onset_at)sql";

Tri tri_column(const SQLite::Column& c)
{
    return c.isNull() ? Tri::unknown : (c.getInt() ? Tri::yes : Tri::no);
}

// Small enum columns, parsed without allocating on the hot path.
Side side_column(const SQLite::Column& c)
{
    const char* s = c.getText();
    switch (s[0]) {
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

ReactionKind kind_column(const SQLite::Column& c)
{
    const char* s = c.getText();
    return s[0] == 't' ? ReactionKind::twitch : s[0] == 's' ? ReactionKind::spasm : ReactionKind::cramp;
}

std::optional<Frequency> frequency_column(const SQLite::Column& c)
{
    if (c.isNull())
        return std::nullopt;
    const char* s = c.getText();
    return s[0] == 'o' ? Frequency::occasional : s[0] == 'f' ? Frequency::frequent : Frequency::constant;
}

void sort_reports(ClientHistory& h)
{
    for (auto& e : h.episodes)
        std::sort(e.reports.begin(), e.reports.end(), [](const ReportFacts& a, const ReportFacts& b) {
            return a.reported_at != b.reported_at ? a.reported_at < b.reported_at : a.id < b.id;
        });
}

} // namespace

void each_client_history(Clinic& clinic, const Catalog& catalog,
                         std::optional<std::int64_t> client_id, Instant as_of,
                         const std::function<void(const ClientHistory&)>& visit)
{
    SQLite::Statement q(clinic.db(),
                        fmt::format(k_history_sql, client_id ? "AND r.client_id = :client_id" : ""));
    q.bind(":as_of", to_utc_text(as_of));
    if (client_id)
        q.bind(":client_id", *client_id);
    // Names and archive state once per client, not per row.
    SQLite::Statement client(clinic.db(), "SELECT name, archived_at IS NOT NULL FROM clients "
                                          "WHERE id = :id");

    ClientHistory current;
    bool any = false;
    bool skip = false; // an archived client, in the clinic-wide pass
    auto finish = [&] {
        if (any && !skip) {
            sort_reports(current);
            visit(current);
        }
        current.episodes.clear();
    };
    while (q.executeStep()) {
        std::int64_t id = q.getColumn(0).getInt64();
        if (!any || id != current.client_id) {
            finish();
            any = true;
            current.client_id = id;
            client.reset();
            client.bind(":id", id);
            client.executeStep();
            current.client_name = client.getColumn(0).getString();
            skip = !client_id && client.getColumn(1).getInt() != 0;
        }
        if (skip)
            continue;
        std::int64_t session = q.getColumn(1).getInt64();
        const Region* region = &catalog.region_by_id(q.getColumn(6).getInt64());
        Side side = side_column(q.getColumn(7));
        if (current.episodes.empty() || current.episodes.back().session_id != session ||
            current.episodes.back().region != region || current.episodes.back().side != side) {
            Episode e;
            e.session_id = session;
            e.session_started = from_utc_text(q.getColumn(2).getText());
            e.region = region;
            e.side = side;
            current.episodes.push_back(std::move(e));
        }
        ReportFacts r;
        r.id = q.getColumn(3).getInt64();
        r.reported_at = from_utc_text(q.getColumn(4).getText());
        r.onset_at = from_utc_text(q.getColumn(5).getText());
        r.kind = kind_column(q.getColumn(8));
        r.severity = q.getColumn(9).getInt();
        r.frequency = frequency_column(q.getColumn(10));
        r.still_present = tri_column(q.getColumn(11));
        if (!q.getColumn(12).isNull())
            r.resolved_at = from_utc_text(q.getColumn(12).getText());
        for (int i = 0; i < 7; ++i)
            r.symptoms.values[static_cast<std::size_t>(i)] = tri_column(q.getColumn(13 + i));
        current.episodes.back().reports.push_back(r);
    }
    finish();
}

} // namespace massagelog
