// CSV export of follow-up calls, flags and the audit log.

#include "massagelog/clinic.hpp"
#include "massagelog/exchange_common.hpp"
#include "massagelog/flags.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace massagelog::exchange {

long long export_followups(Clinic& clinic, const ExportOptions& o, LineWriter& w)
{
    std::string sql = "SELECT f.id, f.session_id, s.client_id, f.contacted_at, f.contacted_by, "
                      "f.outcome, f.notes FROM followups f JOIN sessions s ON s.id = f.session_id "
                      "WHERE 1" +
                      time_filter(o, "f.contacted_at");
    if (o.client_id)
        sql += " AND s.client_id = :client_id";
    SQLite::Statement q(clinic.db(), sql + " ORDER BY f.id");
    bind_times(q, o);
    if (o.client_id)
        q.bind(":client_id", *o.client_id);
    long long rows = 0;
    while (q.executeStep()) {
        w.number(q.getColumn(0).getInt64());
        w.number(q.getColumn(1).getInt64());
        w.number(q.getColumn(2).getInt64());
        w.time(q.getColumn(3));
        w.text(q.getColumn(4));
        w.value(q.getColumn(5));
        w.text(q.getColumn(6));
        w.end();
        ++rows;
    }
    return rows;
}

long long export_flags(Clinic& clinic, const ExportOptions& o, LineWriter& w)
{
    FlagQuery query;
    query.client_id = o.client_id;
    query.as_of = o.as_of;
    long long rows = 0;
    for (const Flag& f : compute_flags(clinic, query)) {
        std::string reports, sessions;
        for (auto id : f.report_ids)
            reports += (reports.empty() ? "" : " ") + std::to_string(id);
        for (auto id : f.session_ids)
            sessions += (sessions.empty() ? "" : " ") + std::to_string(id);
        w.value(to_string(f.level));
        w.value(f.rule);
        w.number(f.client_id);
        w.text(f.client_name);
        w.value(f.evidence_key);
        w.time(f.at);
        w.text(f.evidence);
        w.text(f.guidance);
        w.text(f.source);
        w.value(reports);
        w.value(sessions);
        if (f.review) {
            w.time(f.review->at);
            w.text(f.review->by);
            w.value(to_string(f.review->action));
            w.text(f.review->note.value_or(""));
        } else {
            for (int i = 0; i < 4; ++i)
                w.empty();
        }
        w.end();
        ++rows;
    }
    return rows;
}

long long export_audit(Clinic& clinic, const ExportOptions& o, LineWriter& w)
{
    std::string sql = "SELECT id, at, actor, os_user, action, entity, entity_id, client_id, "
                      "outcome, detail, prev_hash, row_hash FROM audit_log WHERE 1" +
                      time_filter(o, "at");
    if (o.client_id)
        sql += " AND client_id = :client_id";
    SQLite::Statement q(clinic.db(), sql + " ORDER BY id");
    bind_times(q, o);
    if (o.client_id)
        q.bind(":client_id", *o.client_id);
    long long rows = 0;
    while (q.executeStep()) {
        w.number(q.getColumn(0).getInt64());
        w.time(q.getColumn(1));
        w.text(q.getColumn(2));
        w.text(q.getColumn(3));
        w.value(q.getColumn(4));
        w.value(q.getColumn(5));
        w.value(q.getColumn(6));
        w.value(q.getColumn(7));
        w.value(q.getColumn(8));
        w.text(q.getColumn(9));
        w.value(q.getColumn(10));
        w.value(q.getColumn(11));
        w.end();
        ++rows;
    }
    return rows;
}

} // namespace massagelog::exchange
