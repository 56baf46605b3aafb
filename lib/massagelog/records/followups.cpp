#include "massagelog/records/followups.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/records/entry_checks.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/rules/history.hpp"
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

std::optional<std::string> opt_text(const SQLite::Column& c)
{
    if (c.isNull())
        return std::nullopt;
    return c.getString();
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

} // namespace

std::int64_t log_followup(Clinic& clinic, const FollowupInput& in)
{
    std::optional<std::string> notes;
    if (in.notes)
        notes = checked_text(*in.notes, "--notes", TextKind::note);
    Instant at = in.contacted_at.value_or(clinic.clock().now());
    return clinic.write([&] {
        FutureLimit(clinic).check(at, "--at");
        SQLite::Statement session(clinic.db(), "SELECT client_id, started_at, voided_at FROM "
                                               "sessions WHERE id = :id");
        session.bind(":id", in.session_id);
        if (!session.executeStep())
            throw InputError(fmt::format("--session {}: no such session", in.session_id),
                             "see 'massagelog followup due'");
        if (!session.getColumn(2).isNull())
            throw InputError(fmt::format("--session {}: the session is voided", in.session_id));
        std::int64_t client = session.getColumn(0).getInt64();
        Instant started = from_utc_text(session.getColumn(1).getText());
        if (at < started)
            throw InputError(fmt::format("--at {} is before session {} started ({})",
                                         clinic.clock().local_minutes(at), in.session_id,
                                         clinic.clock().local_minutes(started)));
        SQLite::Statement insert(clinic.db(), R"sql(
INSERT INTO followups (session_id, contacted_at, contacted_by, outcome, notes)
VALUES (:session_id, :at, :by, :outcome, :notes))sql");
        insert.bind(":session_id", in.session_id);
        insert.bind(":at", to_utc_text(at));
        insert.bind(":by", clinic.actor().name);
        insert.bind(":outcome", std::string(to_string(in.outcome)));
        if (notes)
            insert.bind(":notes", *notes);
        insert.exec();
        std::int64_t id = clinic.db().getLastInsertRowid();
        clinic.audit_row({"create", "followup", id, client,
                      {{"session_id", in.session_id},
                       {"contacted_at", to_utc_text(at)},
                       {"outcome", to_string(in.outcome)},
                       {"notes", notes.has_value()}}},
                         DigestTable::followups);
        return id;
    });
}

std::vector<Followup> client_followups(Clinic& clinic, std::int64_t client_id)
{
    std::vector<Followup> out;
    SQLite::Statement q(clinic.db(), R"sql(
SELECT f.id, f.session_id, f.contacted_at, f.contacted_by, f.outcome, f.notes
  FROM followups f JOIN sessions s ON s.id = f.session_id
 WHERE s.client_id = :client_id ORDER BY f.contacted_at, f.id)sql");
    q.bind(":client_id", client_id);
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                       from_utc_text(q.getColumn(2).getText()), q.getColumn(3).getString(),
                       parse_enum<FollowupOutcome>(q.getColumn(4).getString(), "stored outcome"),
                       opt_text(q.getColumn(5))});
    return out;
}

std::vector<DueCall> due_followups(Clinic& clinic, std::optional<Instant> as_of_opt)
{
    const ClinicClock& clock = clinic.clock();
    Instant as_of = as_of_opt.value_or(clock.now());
    auto days = get_int_list_setting(clinic.db(), "followup.days");
    auto open_every = get_int_setting(clinic.db(), "followup.open_every_days");
    auto today = local_day(clock, as_of);
    std::vector<DueCall> due;

    // Fills in the client's name and phone with one query.
    SQLite::Statement contact(clinic.db(), "SELECT name, phone FROM clients WHERE id = :id");
    auto address = [&](DueCall& c) {
        contact.reset();
        contact.bind(":id", c.client_id);
        if (contact.executeStep()) {
            c.client_name = contact.getColumn(0).getString();
            c.phone = opt_text(contact.getColumn(1));
        }
    };

    // 1. Unreviewed refer-level flags; the same read of the clinic gives
    // 3., the open episodes, kept aside to follow the check-ins.
    std::vector<DueCall> open_calls;
    SQLite::Statement last_call(clinic.db(), "SELECT max(contacted_at) FROM followups WHERE "
                                             "session_id = :id AND contacted_at <= :as_of");
    FlagQuery refer;
    refer.min_level = Level::refer;
    refer.unreviewed_only = true;
    refer.as_of = as_of;
    refer.each_history = [&](const ClientHistory& h) {
        for (const Episode& e : h.episodes) {
            if (!e.open())
                continue;
            Instant last_news = e.latest_report();
            last_call.reset();
            last_call.bind(":id", e.session_id);
            last_call.bind(":as_of", to_utc_text(as_of));
            if (last_call.executeStep() && !last_call.getColumn(0).isNull())
                last_news = std::max(last_news, from_utc_text(last_call.getColumn(0).getText()));
            auto due_local = clock.zone().to_local(last_news) + date::days{open_every};
            Instant due_at = floor<seconds>(clock.zone().to_sys(due_local, date::choose::earliest));
            if (due_at > as_of)
                continue;
            DueCall c;
            c.reason = DueReason::open_episode;
            c.client_id = h.client_id;
            address(c);
            c.session_id = e.session_id;
            c.due_at = due_at;
            Bout bout = e.current_bout();
            c.why = fmt::format("{} {} {} still open since {}{}; last news {} ({})",
                                to_string(e.reports.back().kind), e.region->name,
                                to_string(e.side), clock.local_minutes(bout.onset),
                                bout.number == 1 ? ""
                                                 : fmt::format(" (it came back: bout {})", bout.number),
                                clock.local_minutes(last_news), overdue_text(clock, due_at, as_of));
            open_calls.push_back(std::move(c));
        }
    };
    for (const Flag& f : compute_flags(clinic, refer)) {
        DueCall c;
        c.reason = DueReason::refer_flag;
        c.client_id = f.client_id;
        address(c);
        if (!f.session_ids.empty())
            c.session_id = f.session_ids.back();
        c.due_at = f.at;
        c.why = fmt::format("refer flag '{}' not reviewed: {} — advise a physician, then "
                            "'massagelog flags review {} {} {} --action referred'",
                            f.rule, f.evidence, f.rule, f.client_id, f.evidence_key);
        c.flag_rule = f.rule;
        c.flag_key = f.evidence_key;
        due.push_back(std::move(c));
    }

    // 2. Check-ins after deep or firm sessions.
    int last_day = days.empty() ? 0 : days.back();
    auto window_start = start_of(clock, today - date::days{last_day + k_last_check_in_days});
    auto calls = calls_since(clinic, window_start - date::days{1}, as_of);
    SQLite::Statement sessions(clinic.db(), R"sql(
SELECT s.id, s.client_id, c.name, c.phone, s.started_at, s.pressure, k.name, k.deep
  FROM sessions s
  JOIN clients c ON c.id = s.client_id
  JOIN techniques k ON k.id = s.technique_id
 WHERE s.started_at >= :from AND s.started_at <= :as_of AND s.voided_at IS NULL
   AND c.archived_at IS NULL AND (s.pressure >= 4 OR k.deep)
 ORDER BY s.started_at, s.id)sql");
    sessions.bind(":from", to_utc_text(window_start));
    sessions.bind(":as_of", to_utc_text(as_of));
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
        c.phone = opt_text(sessions.getColumn(3));
        c.session_id = id;
        c.due_at = due_at;
        c.why = fmt::format("day-{} check-in after {} at pressure {} on {} ({})", *current,
                            sessions.getColumn(6).getString(), sessions.getColumn(5).getInt(),
                            clock.local_minutes(started), overdue_text(clock, due_at, as_of));
        due.push_back(std::move(c));
    }

    // 3. Open episodes, every followup.open_every_days after the last news
    // (read with the flags, above).
    std::move(open_calls.begin(), open_calls.end(), std::back_inserter(due));

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

} // namespace massagelog
