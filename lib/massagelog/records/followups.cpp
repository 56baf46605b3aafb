#include "massagelog/records/followups.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/records/entry_checks.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/columns.hpp"
#include "massagelog/store/row_insert.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace massagelog {

const char* const RowTable<Followup>::insert_sql =
    "INSERT INTO followups (id, session_id, contacted_at, contacted_by, outcome, notes) "
    "VALUES (?, ?, ?, ?, ?, ?)";

void RowTable<Followup>::bind(SQLite::Statement& q, const Followup& row)
{
    bind_row(q, id_or_next(row.id), row.session_id, to_utc_text(row.contacted_at), row.by,
             std::string(to_string(row.outcome)), row.notes);
}

std::int64_t log_followup(Clinic& clinic, const FollowupInput& in)
{
    std::optional<std::string> notes;
    if (in.notes)
        notes = checked_text(*in.notes, clinic.label("notes"), TextKind::note);
    Instant at = in.contacted_at.value_or(clinic.clock().now());
    return clinic.write([&] {
        FutureLimit(clinic).check(at, clinic.label("contacted_at"));
        SQLite::Statement session(clinic.db(), "SELECT client_id, started_at, voided_at FROM "
                                               "sessions WHERE id = :id");
        session.bind(":id", in.session_id);
        if (!session.executeStep())
            throw InputError(
                fmt::format("{} {}: no such session", clinic.label("session_id"), in.session_id),
                "see " + clinic.next(Next::calls_due)).about(clinic.label("session_id"));
        if (!session.getColumn(2).isNull())
            throw InputError(fmt::format("{} {}: the session is voided", clinic.label("session_id"),
                                         in.session_id)).about(clinic.label("session_id"));
        std::int64_t client = session.getColumn(0).getInt64();
        Instant started = from_utc_text(session.getColumn(1).getText());
        if (at < started)
            throw InputError(fmt::format("{} {} is before session {} started ({})",
                                         clinic.label("contacted_at"),
                                         clinic.clock().local_minutes(at), in.session_id,
                                         clinic.clock().local_minutes(started))).about(clinic.label("contacted_at"));
        std::int64_t id = TableInsert<Followup>(clinic.db()).insert(
            {0, in.session_id, at, clinic.actor().name, in.outcome, notes});
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
                       opt_column(q.getColumn(5))});
    return out;
}

} // namespace massagelog
