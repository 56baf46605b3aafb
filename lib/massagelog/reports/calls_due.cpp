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

// Calls made about each of `client`'s (or every client's) recent sessions.
std::map<std::int64_t, std::vector<CallLog>> calls_since(Clinic& clinic, Instant since,
                                                         Instant as_of)
{
    std::map<std::int64_t, std::vector<CallLog>> out;
    SQLite::Statement q(clinic.db(), "SELECT f.session_id, f.contacted_at, f.outcome FROM followups f "
                                     "WHERE f.contacted_at >= :since AND f.contacted_at <= :as_of");
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

// The three lists of calls due as of one moment, each built by one method.
class DueList {
public:
    DueList(Clinic& clinic, Instant as_of)
        : m_clinic(clinic), m_clock(clinic.clock()), m_as_of(as_of),
          m_contact(clinic.db(), "SELECT name, phone FROM clients WHERE id = :id"),
          m_last_call(clinic.db(), "SELECT max(contacted_at) FROM followups WHERE "
                                   "session_id = :id AND contacted_at <= :as_of")
    {
    }

    // 1. Unreviewed refer-level flags; the same read of the clinic gives
    // 3., the open episodes, kept aside to follow the check-ins.
    void refer_flags_and_open_episodes(std::vector<DueCall>& refer, std::vector<DueCall>& open,
                                       std::vector<Flag>* refer_flags);

    // 2. Check-ins after deep or firm sessions.
    void check_ins(std::vector<DueCall>& due);

private:
    // Fills in the client's name and phone.
    void address(DueCall& c);
    // The calls due about `history`'s open episodes: every
    // followup.open_every_days after the last news of each.
    void open_episodes(const ClientHistory& history, long long open_every,
                       std::vector<DueCall>& due);

    Clinic& m_clinic;
    const ClinicClock& m_clock;
    Instant m_as_of;
    SQLite::Statement m_contact, m_last_call;
};

void DueList::address(DueCall& c)
{
    m_contact.reset();
    m_contact.bind(":id", c.client_id);
    if (m_contact.executeStep()) {
        c.client_name = m_contact.getColumn(0).getString();
        c.phone = opt_column(m_contact.getColumn(1));
    }
}

void DueList::open_episodes(const ClientHistory& h, long long open_every,
                            std::vector<DueCall>& due)
{
    for (const Episode& e : h.episodes) {
        if (!e.open())
            continue;
        Instant last_news = e.latest_report();
        m_last_call.reset();
        m_last_call.bind(":id", e.session_id);
        m_last_call.bind(":as_of", to_utc_text(m_as_of));
        if (m_last_call.executeStep() && !m_last_call.getColumn(0).isNull())
            last_news = std::max(last_news, from_utc_text(m_last_call.getColumn(0).getText()));
        auto due_local = m_clock.zone().to_local(last_news) + date::days{open_every};
        Instant due_at = floor<seconds>(m_clock.zone().to_sys(due_local, date::choose::earliest));
        if (due_at > m_as_of)
            continue;
        DueCall c;
        c.reason = DueReason::open_episode;
        c.client_id = h.client_id;
        address(c);
        c.session_id = e.session_id;
        c.due_at = due_at;
        Bout bout = e.current_bout();
        c.why = fmt::format("{} {} {} still open since {}{}; last news {} ({})",
                            to_string(e.reports.back().kind), e.region->name, to_string(e.side),
                            m_clock.local_minutes(bout.onset),
                            bout.number == 1 ? ""
                                             : fmt::format(" (it came back: bout {})", bout.number),
                            m_clock.local_minutes(last_news),
                            overdue_text(m_clock, due_at, m_as_of));
        due.push_back(std::move(c));
    }
}

void DueList::refer_flags_and_open_episodes(std::vector<DueCall>& refer,
                                            std::vector<DueCall>& open,
                                            std::vector<Flag>* refer_flags)
{
    auto open_every = get_int_setting(m_clinic.db(), "followup.open_every_days");
    FlagQuery query;
    query.min_level = Level::refer;
    query.unreviewed_only = true;
    query.as_of = m_as_of;
    query.each_history = [&](const ClientHistory& h) { open_episodes(h, open_every, open); };
    std::vector<Flag> flags = compute_flags(m_clinic, query);
    for (const Flag& f : flags) {
        DueCall c;
        c.reason = DueReason::refer_flag;
        c.client_id = f.client_id;
        address(c);
        if (!f.session_ids.empty())
            c.session_id = f.session_ids.back();
        c.due_at = f.at;
        c.why = fmt::format("{} flag not reviewed: {}; advise a physician", f.rule, f.evidence);
        c.flag_rule = f.rule;
        c.flag_key = f.evidence_key;
        refer.push_back(std::move(c));
    }
    if (refer_flags)
        *refer_flags = std::move(flags);
}

void DueList::check_ins(std::vector<DueCall>& due)
{
    auto days = get_int_list_setting(m_clinic.db(), "followup.days");
    auto today = local_day(m_clock, m_as_of);
    int last_day = days.empty() ? 0 : days.back();
    auto window_start = start_of(m_clock, today - date::days{last_day + k_last_check_in_days});
    auto calls = calls_since(m_clinic, window_start - date::days{1}, m_as_of);
    SQLite::Statement sessions(m_clinic.db(), R"sql(
SELECT s.id, s.client_id, c.name, c.phone, s.started_at, s.pressure, k.name, k.deep
  FROM sessions s
  JOIN clients c ON c.id = s.client_id
  JOIN techniques k ON k.id = s.technique_id
 WHERE s.started_at >= :from AND s.started_at <= :as_of AND s.voided_at IS NULL
   AND c.archived_at IS NULL AND (s.pressure >= 4 OR k.deep)
 ORDER BY s.started_at, s.id)sql");
    sessions.bind(":from", to_utc_text(window_start));
    sessions.bind(":as_of", to_utc_text(m_as_of));
    while (sessions.executeStep()) {
        std::int64_t id = sessions.getColumn(0).getInt64();
        Instant started = from_utc_text(sessions.getColumn(4).getText());
        auto session_day = local_day(m_clock, started);
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
        Instant due_at = start_of(m_clock, session_day + date::days{*current});
        if (cleared(calls[id], due_at, m_clock, m_as_of))
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
                            m_clock.local_minutes(started), overdue_text(m_clock, due_at, m_as_of));
        due.push_back(std::move(c));
    }
}

} // namespace

std::vector<DueCall> due_followups(Clinic& clinic, std::optional<Instant> as_of,
                                   std::vector<Flag>* refer_flags)
{
    DueList list(clinic, as_of.value_or(clinic.clock().now()));
    std::vector<DueCall> due, open;
    list.refer_flags_and_open_episodes(due, open, refer_flags);
    list.check_ins(due);
    std::move(open.begin(), open.end(), std::back_inserter(due));
    std::stable_sort(due.begin(), due.end(), [](const DueCall& a, const DueCall& b) {
        bool ra = a.reason == DueReason::refer_flag, rb = b.reason == DueReason::refer_flag;
        if (ra != rb)
            return ra;
        if (a.due_at != b.due_at)
            return a.due_at < b.due_at;
        return a.client_id < b.client_id;
    });
    return due;
}

Instant CallToMake::due_at() const
{
    Instant earliest = reasons.front().due_at;
    for (const DueCall& c : reasons)
        earliest = std::min(earliest, c.due_at);
    return earliest;
}

std::vector<CallToMake> calls_to_make(std::vector<DueCall> due)
{
    std::vector<CallToMake> calls;
    std::map<std::pair<std::int64_t, std::optional<std::int64_t>>, std::size_t> index;
    for (DueCall& c : due) {
        auto [at, added] = index.try_emplace({c.client_id, c.session_id}, calls.size());
        if (added)
            calls.emplace_back();
        calls[at->second].reasons.push_back(std::move(c));
    }
    return calls;
}

} // namespace massagelog
