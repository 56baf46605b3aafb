#include "massagelog/records/sessions.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/records/entry_checks.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/records/health.hpp"
#include "massagelog/records/point_of_care.hpp"
#include "massagelog/store/row_digests.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>

namespace massagelog {

namespace {

// Regions as stored in one text column by the listing query:
// "neck:midline:4:1 shoulder:left:3:0".
std::vector<SessionRegion> parse_stored_regions(const std::string& text)
{
    std::vector<SessionRegion> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        std::string item = text.substr(start, end - start);
        auto c1 = item.find(':'), c2 = item.find(':', c1 + 1), c3 = item.find(':', c2 + 1);
        SessionRegion r;
        r.region = item.substr(0, c1);
        r.side = parse_enum<Side>(item.substr(c1 + 1, c2 - c1 - 1), "stored side");
        r.pressure = std::stoi(item.substr(c2 + 1, c3 - c2 - 1));
        r.focal = item.substr(c3 + 1) == "1";
        out.push_back(r);
        start = end + 1;
    }
    return out;
}

constexpr const char* k_session_select = R"sql(
SELECT s.id, s.client_id, c.name, s.therapist_id, t.name, s.started_at, s.duration_min,
       k.name, s.pressure, s.notes, s.created_by, s.voided_at, s.void_reason,
       (SELECT group_concat(r.name || ':' || sr.side || ':' || sr.pressure || ':' || sr.focal, ' ')
          FROM session_regions sr JOIN regions r ON r.id = sr.region_id
         WHERE sr.session_id = s.id)
  FROM sessions s
  JOIN clients c ON c.id = s.client_id
  JOIN therapists t ON t.id = s.therapist_id
  JOIN techniques k ON k.id = s.technique_id
)sql";

Session session_from(SQLite::Statement& q)
{
    Session s;
    s.id = q.getColumn(0).getInt64();
    s.client_id = q.getColumn(1).getInt64();
    s.client_name = q.getColumn(2).getString();
    s.therapist_id = q.getColumn(3).getInt64();
    s.therapist_name = q.getColumn(4).getString();
    s.started_at = from_utc_text(q.getColumn(5).getString());
    s.duration_min = q.getColumn(6).getInt();
    s.technique = q.getColumn(7).getString();
    s.pressure = q.getColumn(8).getInt();
    if (!q.getColumn(9).isNull())
        s.notes = q.getColumn(9).getString();
    s.created_by = q.getColumn(10).getString();
    if (!q.getColumn(11).isNull()) {
        s.voided_at = from_utc_text(q.getColumn(11).getString());
        s.void_reason = q.getColumn(12).getString();
    }
    if (!q.getColumn(13).isNull())
        s.regions = parse_stored_regions(q.getColumn(13).getString());
    return s;
}

} // namespace

std::string to_string(const SessionRegion& r)
{
    return fmt::format("{}:{}:{}{}", r.region, to_string(r.side), r.pressure,
                       r.focal ? ":focal" : "");
}

namespace {

// The flags among the guarded regions' once each, in order.
std::vector<const Flag*> flags_of(const std::vector<GuardedRegion>& guarded)
{
    std::vector<const Flag*> out;
    for (const GuardedRegion& g : guarded)
        if (std::find(out.begin(), out.end(), g.flag) == out.end())
            out.push_back(g.flag);
    return out;
}

// The refusal of a session that works an area a refer flag guards.
InputError guarded_area_error(Clinic& clinic, std::int64_t client_id,
                              const std::vector<GuardedRegion>& guarded)
{
    std::string areas;
    for (const GuardedRegion& g : guarded)
        areas += fmt::format("{}{}:{} is under the refer flag {} [{}] ({})",
                             areas.empty() ? "" : "; ", g.region.region, to_string(g.region.side),
                             g.flag->rule, g.flag->evidence_key, g.flag->evidence);
    return InputError(
               fmt::format("{} {}: not to be worked until the flag is cleared or dismissed",
                           clinic.label("regions"), areas),
               fmt::format("leave the area out, record the physician's clearance ({}), or enter "
                           "the session with {} {} TEXT",
                           clinic.next(Next::client_flags, std::to_string(client_id)),
                           clinic.label("despite_flags"), clinic.label("reason")))
        .about(clinic.label("regions"));
}

// The refusal of a session that a contraindication blocks.
InputError contraindication_error(Clinic& clinic, const ContraCheck& check)
{
    std::string what;
    for (const Contraindication* c : check.blocks())
        what += (what.empty() ? "" : "; ") + describe(*c);
    return InputError(fmt::format("{} contraindicated by the client's health history: {}",
                                  clinic.label("regions"), what),
                      fmt::format("leave the area out or lighten the pressure, add a health "
                                  "history entry if the answer has changed, or enter the session "
                                  "with {} {} TEXT",
                                  clinic.label("despite_contraindication"), clinic.label("reason")))
        .about(clinic.label("regions"));
}

// What an audit row records of the contraindications a session went ahead
// despite.
nlohmann::json overridden_contraindications(const ContraCheck& check)
{
    nlohmann::json out = nlohmann::json::array();
    for (const Contraindication* c : check.blocks())
        out.push_back({{"rule", c->rule},
                       {"region", c->region ? to_string(*c->region) : std::string()}});
    return out;
}

} // namespace

AddedSession add_session(Clinic& clinic, const SessionInput& input)
{
    return clinic.write([&] {
        SessionWriter writer(clinic);
        writer.check(input, EntryKind::new_entry, clinic.label());
        std::optional<std::string> reason = despite_reason(clinic, input.despite_flags_reason);
        std::optional<std::string> contra_reason =
            despite_reason(clinic, input.despite_contraindication_reason);
        // The flags and health history that stand as the session is entered,
        // read inside its write (a clearance recorded a moment ago counts,
        // and nothing can change them before the session is in), with the
        // writer's catalog rather than a second read of it.
        AddedSession added;
        added.standing = standing_flags(clinic, input.client_id, clinic.clock().now(),
                                        &writer.catalog());
        added.contra =
            session_contraindications(clinic, input, writer.regions(), &writer.catalog());
        std::vector<GuardedRegion> guarded = guarded_regions(added.standing, writer.regions());
        if (!guarded.empty() && !reason)
            throw guarded_area_error(clinic, input.client_id, guarded);
        if (added.contra.blocked() && !contra_reason)
            throw contraindication_error(clinic, added.contra);
        added.id = writer.insert(input, {std::nullopt, clinic.actor().name, clinic.clock().now(),
                                         std::nullopt, std::nullopt});
        nlohmann::json region_list = nlohmann::json::array();
        for (const auto& r : writer.regions())
            region_list.push_back(to_string(r));
        nlohmann::json detail = {{"therapist_id", input.therapist_id},
                                 {"started_at", to_utc_text(input.started_at)},
                                 {"technique", writer.technique_name()},
                                 {"pressure", input.pressure},
                                 {"duration_min", input.duration_min},
                                 {"regions", region_list},
                                 {"notes", writer.has_notes()}};
        if (!guarded.empty()) {
            detail["despite_flags"] = overridden_flags(flags_of(guarded));
            detail["reason"] = *reason;
        }
        if (added.contra.blocked()) {
            detail["despite_contraindications"] = overridden_contraindications(added.contra);
            detail["contraindication_reason"] = *contra_reason;
        }
        clinic.audit_row({"create", "session", added.id, input.client_id, detail},
                         DigestTable::sessions);
        return added;
    });
}

void each_session(Clinic& clinic, const SessionFilter& filter,
                  const std::function<void(const Session&)>& visit)
{
    // Only the conditions asked for, so that SQLite can use the index that
    // fits them (an "(:x IS NULL OR ...)" test would make it scan).
    std::string sql = std::string(k_session_select) + " WHERE 1";
    if (filter.client_id)
        sql += " AND s.client_id = :client_id";
    if (filter.therapist_id)
        sql += " AND s.therapist_id = :therapist_id";
    if (filter.from)
        sql += " AND s.started_at >= :from";
    if (filter.to)
        sql += " AND s.started_at < :to";
    if (!filter.include_voided)
        sql += " AND s.voided_at IS NULL";
    SQLite::Statement q(clinic.db(), sql + " ORDER BY s.started_at, s.id");
    if (filter.client_id)
        q.bind(":client_id", *filter.client_id);
    if (filter.therapist_id)
        q.bind(":therapist_id", *filter.therapist_id);
    if (filter.from)
        q.bind(":from", to_utc_text(*filter.from));
    if (filter.to)
        q.bind(":to", to_utc_text(*filter.to));
    while (q.executeStep())
        visit(session_from(q));
}

std::optional<Session> find_session(Clinic& clinic, std::int64_t id)
{
    SQLite::Statement q(clinic.db(), std::string(k_session_select) + " WHERE s.id = :id");
    q.bind(":id", id);
    if (!q.executeStep())
        return std::nullopt;
    return session_from(q);
}

void void_session(Clinic& clinic, std::int64_t id, const std::string& raw_reason,
                  DespiteFlags despite)
{
    std::string reason = checked_text(raw_reason, clinic.label("reason"), TextKind::note);
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        throw InputError(clinic.label("reason") + " is empty", "say why the session is voided").about(clinic.label("reason"));
    clinic.write([&] {
        // Only what voiding needs is read: a session stored with a time no
        // reader accepts (db check names it) can still be voided.
        SQLite::Statement q(clinic.db(), "SELECT client_id, voided_at FROM sessions WHERE id = :id");
        q.bind(":id", id);
        if (!q.executeStep())
            throw InputError(fmt::format("session {}: no such session", id),
                             "see " + clinic.next(Next::list_sessions));
        std::int64_t client_id = q.getColumn(0).getInt64();
        if (!q.getColumn(1).isNull())
            throw InputError(fmt::format("session {} was voided already on {}", id,
                                         clinic.clock().local_minutes(
                                             from_utc_text(q.getColumn(1).getText()))));
        // Voiding takes a session out of every flag: not while an unreviewed
        // refer flag rests on it, unless staff say so.
        std::vector<Flag> resting = refer_flags_resting_on(clinic, client_id, id);
        std::vector<const Flag*> overridden;
        for (const Flag& f : resting)
            overridden.push_back(&f);
        if (!overridden.empty() && despite == DespiteFlags::no)
            throw InputError(
                fmt::format("session {} backs {} unreviewed refer flag{}: {}", id,
                            overridden.size(), overridden.size() == 1 ? "" : "s",
                            list_flags(overridden)),
                fmt::format("voiding would hide them; review them first ({}), or void anyway "
                            "with {}",
                            clinic.next(Next::client_flags, std::to_string(client_id)),
                            clinic.label("despite_flags")));
        std::string before = row_digest(clinic.db(), DigestTable::sessions, id);
        SQLite::Statement update(clinic.db(), "UPDATE sessions SET voided_at = :at, void_reason "
                                              "= :reason WHERE id = :id");
        update.bind(":at", to_utc_text(clinic.clock().now()));
        update.bind(":reason", reason);
        update.bind(":id", id);
        update.exec();
        nlohmann::json detail = {{"reason", reason}};
        if (!overridden.empty())
            detail["despite_flags"] = overridden_flags(overridden);
        clinic.audit_row({"void", "session", id, client_id, detail}, DigestTable::sessions,
                         before);
    });
}

} // namespace massagelog
