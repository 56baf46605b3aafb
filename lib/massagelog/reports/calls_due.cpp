#include "massagelog/reports/calls_due.hpp"

#include "massagelog/records/followups.hpp"
#include "massagelog/rules/flags.hpp"
#include "massagelog/rules/history.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/columns.hpp"
#include "massagelog/store/settings.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace massagelog {

namespace {

using namespace std::chrono;

// How many days a missed final check-in stays on the list.
constexpr int k_last_check_in_days = 7;

date::local_days local_day(const ClinicClock& clock, Instant t)
{
    return floor<date::days>(clock.zone().to_local(t));
}

Instant start_of(const ClinicClock& clock, date::local_days day)
{
    return floor<seconds>(clock.zone().to_sys(date::local_seconds{day}, date::choose::earliest));
}


struct CallLog {
    Instant at;
    FollowupOutcome outcome;
};

// Calls made about each session (of one client, or every client's) from
// `since` to `as_of`.
std::map<std::int64_t, std::vector<CallLog>> calls_since(Clinic& clinic,
                                                         std::optional<std::int64_t> client,
                                                         Instant since, Instant as_of)
{
    std::map<std::int64_t, std::vector<CallLog>> out;
    SQLite::Statement q(clinic.db(),
                        std::string("SELECT f.session_id, f.contacted_at, f.outcome FROM followups f ") +
                            (client ? "JOIN sessions s ON s.id = f.session_id AND s.client_id = :client " : "") +
                            "WHERE f.contacted_at >= :since AND f.contacted_at <= :as_of");
    if (client)
        q.bind(":client", *client);
    q.bind(":since", to_utc_text(since));
    q.bind(":as_of", to_utc_text(as_of));
    while (q.executeStep())
        out[q.getColumn(0).getInt64()].push_back(
            {from_utc_text(q.getColumn(1).getText()),
             parse_enum<FollowupOutcome>(q.getColumn(2).getString(), "stored outcome")});
    return out;
}

// True when a call on or after `from` clears what was due: any answered
// call, or a no-answer call made today.
bool cleared(const std::vector<CallLog>& calls, Instant from, const ClinicClock& clock,
             Instant as_of)
{
    for (const CallLog& c : calls) {
        if (c.at < from)
            continue;
        if (c.outcome != FollowupOutcome::no_answer)
            return true;
        if (local_day(clock, c.at) == local_day(clock, as_of))
            return true;
    }
    return false;
}

std::string overdue_text(const ClinicClock& clock, Instant due, Instant as_of)
{
    auto days = (local_day(clock, as_of) - local_day(clock, due)).count();
    if (days <= 0)
        return "due today";
    return fmt::format("{} day{} overdue", days, days == 1 ? "" : "s");
}

} // namespace

struct ClientCalls::Statements {
    explicit Statements(SQLite::Database& db)
        : contact(db, "SELECT name, phone FROM clients WHERE id = :id"),
          last_call(db, "SELECT max(contacted_at) FROM followups WHERE "
                        "session_id = :id AND contacted_at <= :as_of")
    {
    }
    SQLite::Statement contact, last_call;

    // Fills in the client's name and phone.
    void address(DueCall& c)
    {
        contact.reset();
        contact.bind(":id", c.client_id);
        if (contact.executeStep()) {
            c.client_name = contact.getColumn(0).getString();
            c.phone = opt_column(contact.getColumn(1));
        }
    }
};

ClientCalls::ClientCalls(Clinic& clinic, Instant as_of)
    : m_clinic(clinic), m_as_of(as_of),
      m_open_every(get_int_setting(clinic, "followup.open_every_days")),
      m_statements(std::make_unique<Statements>(clinic.db()))
{
}

ClientCalls::~ClientCalls() = default;

DueCall ClientCalls::refer_flag(const Flag& f)
{
    DueCall c;
    c.reason = DueReason::refer_flag;
    c.client_id = f.client_id;
    m_statements->address(c);
    if (!f.session_ids.empty())
        c.session_id = f.session_ids.back();
    c.due_at = f.at;
    c.why = fmt::format("{} flag not reviewed: {}; advise a physician", f.rule, f.evidence);
    c.flag_rule = f.rule;
    c.flag_key = f.evidence_key;
    return c;
}

void ClientCalls::open_episodes(const ClientHistory& h, std::vector<DueCall>& due)
{
    const ClinicClock& clock = m_clinic.clock();
    SQLite::Statement& last_call = m_statements->last_call;
    for (const Episode& e : h.episodes) {
        if (!e.open())
            continue;
        Instant last_news = e.latest_report();
        last_call.reset();
        last_call.bind(":id", e.session_id);
        last_call.bind(":as_of", to_utc_text(m_as_of));
        if (last_call.executeStep() && !last_call.getColumn(0).isNull())
            last_news = std::max(last_news, from_utc_text(last_call.getColumn(0).getText()));
        auto due_local = clock.zone().to_local(last_news) + date::days{m_open_every};
        Instant due_at = floor<seconds>(clock.zone().to_sys(due_local, date::choose::earliest));
        if (due_at > m_as_of)
            continue;
        DueCall c;
        c.reason = DueReason::open_episode;
        c.client_id = h.client_id;
        m_statements->address(c);
        c.session_id = e.session_id;
        c.due_at = due_at;
        Bout bout = e.current_bout();
        c.why = fmt::format("{} {} {} still open since {}{}; last news {} ({})",
                            to_string(e.reports.back().kind), e.region->name, to_string(e.side),
                            clock.local_minutes(bout.onset),
                            bout.number == 1 ? ""
                                             : fmt::format(" (it came back: bout {})", bout.number),
                            clock.local_minutes(last_news), overdue_text(clock, due_at, m_as_of));
        due.push_back(std::move(c));
    }
}

std::vector<DueCall> check_ins_due(Clinic& clinic, Instant as_of, std::optional<std::int64_t> client)
{
    const ClinicClock& clock = clinic.clock();
    auto days = get_int_list_setting(clinic, "followup.days");
    auto today = local_day(clock, as_of);
    int last_day = days.empty() ? 0 : days.back();
    auto window_start = start_of(clock, today - date::days{last_day + k_last_check_in_days});
    auto calls = calls_since(clinic, client, window_start - date::days{1}, as_of);
    SQLite::Statement sessions(clinic.db(), std::string(R"sql(
SELECT s.id, s.client_id, c.name, c.phone, s.started_at, s.pressure, k.name, k.deep
  FROM sessions s
  JOIN clients c ON c.id = s.client_id
  JOIN techniques k ON k.id = s.technique_id
 WHERE s.started_at >= :from AND s.started_at <= :as_of AND s.voided_at IS NULL
   AND c.archived_at IS NULL AND (s.pressure >= 4 OR k.deep))sql") +
                                                (client ? " AND s.client_id = :client" : "") +
                                                " ORDER BY s.started_at, s.id");
    if (client)
        sessions.bind(":client", *client);
    sessions.bind(":from", to_utc_text(window_start));
    sessions.bind(":as_of", to_utc_text(as_of));
    std::vector<DueCall> due;
    while (sessions.executeStep()) {
        std::int64_t id = sessions.getColumn(0).getInt64();
        Instant started = from_utc_text(sessions.getColumn(4).getText());
        auto session_day = local_day(clock, started);
        // The latest scheduled day that has arrived, and the one after it.
        std::optional<int> current;
        std::optional<int> next;
        for (int d : days) {
            if (session_day + date::days{d} <= today)
                current = d;
            else if (!next)
                next = d;
        }
        if (!current)
            continue;
        if (!next && today > session_day + date::days{*current + k_last_check_in_days})
            continue;
        Instant due_at = start_of(clock, session_day + date::days{*current});
        if (cleared(calls[id], due_at, clock, as_of))
            continue;
        DueCall c;
        c.reason = DueReason::check_in;
        c.client_id = sessions.getColumn(1).getInt64();
        c.client_name = sessions.getColumn(2).getString();
        c.phone = opt_column(sessions.getColumn(3));
        c.session_id = id;
        c.due_at = due_at;
        c.why = fmt::format("day-{} check-in after {} at pressure {} on {} ({})", *current,
                            sessions.getColumn(6).getString(), sessions.getColumn(5).getInt(),
                            clock.local_minutes(started), overdue_text(clock, due_at, as_of));
        due.push_back(std::move(c));
    }
    return due;
}

bool due_before(const DueCall& a, const DueCall& b)
{
    bool ra = a.reason == DueReason::refer_flag, rb = b.reason == DueReason::refer_flag;
    if (ra != rb)
        return ra;
    if (a.due_at != b.due_at)
        return a.due_at < b.due_at;
    return a.client_id < b.client_id;
}

std::vector<DueCall> due_followups(Clinic& clinic, std::optional<Instant> as_of)
{
    const Instant at = as_of.value_or(clinic.clock().now());
    ClientCalls calls(clinic, at);
    // One read of the clinic gives the refer flags and the open episodes;
    // those follow the check-ins before the calls are ordered.
    std::vector<DueCall> due, open;
    FlagQuery query;
    query.min_level = Level::refer;
    query.unreviewed_only = true;
    query.as_of = at;
    query.each_history = [&](const ClientHistory& h) { calls.open_episodes(h, open); };
    for (const Flag& f : compute_flags(clinic, query))
        due.push_back(calls.refer_flag(f));
    std::vector<DueCall> check_ins = check_ins_due(clinic, at, std::nullopt);
    std::move(check_ins.begin(), check_ins.end(), std::back_inserter(due));
    std::move(open.begin(), open.end(), std::back_inserter(due));
    std::stable_sort(due.begin(), due.end(), due_before);
    return due;
}

Instant CallToMake::due_at() const
{
    Instant earliest = reasons.front().due_at;
    for (const DueCall& c : reasons)
        earliest = std::min(earliest, c.due_at);
    return earliest;
}

std::vector<std::vector<const DueCall*>> group_by_event(const std::vector<const DueCall*>& due)
{
    std::vector<std::vector<const DueCall*>> groups;
    std::map<std::pair<std::int64_t, std::optional<std::int64_t>>, std::size_t> index;
    for (const DueCall* c : due) {
        auto [at, added] = index.try_emplace({c->client_id, c->session_id}, groups.size());
        if (added)
            groups.emplace_back();
        groups[at->second].push_back(c);
    }
    return groups;
}

std::vector<CallToMake> calls_to_make(const std::vector<DueCall>& due)
{
    std::vector<const DueCall*> order;
    for (const DueCall& c : due)
        order.push_back(&c);
    std::vector<CallToMake> calls;
    for (const auto& group : group_by_event(order)) {
        CallToMake& call = calls.emplace_back();
        for (const DueCall* c : group)
            call.reasons.push_back(*c);
    }
    return calls;
}

} // namespace massagelog
