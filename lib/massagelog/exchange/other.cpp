// CSV export of follow-up calls, flags and the audit log.

#include "massagelog/store/clinic.hpp"
#include "massagelog/exchange/common.hpp"
#include "massagelog/rules/flags.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace massagelog::exchange {

long long export_followups(Clinic& clinic, const ExportOptions& o, LineWriter& w)
{
    auto q = filtered_query(clinic.db(),
                            "SELECT f.id, f.session_id, s.client_id, f.contacted_at, "
                            "f.contacted_by, f.outcome, f.notes FROM followups f JOIN sessions s "
                            "ON s.id = f.session_id WHERE 1",
                            o, "f.contacted_at", "s.client_id", "f.id");
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

void flag_row(LineWriter& w, const Flag& f)
{
    auto ids = [](const std::vector<std::int64_t>& list) {
        return fmt::format("{}", fmt::join(list, " "));
    };
    std::string reports = ids(f.report_ids), sessions = ids(f.session_ids);
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
}

long long export_flags(Clinic& clinic, const ExportOptions& o, LineWriter& w)
{
    FlagQuery query;
    query.client_id = o.client_id;
    query.as_of = o.as_of;
    long long rows = 0;
    each_flag(clinic, query, [&](const Flag& f) {
        flag_row(w, f);
        ++rows;
    });
    return rows;
}

long long export_audit(Clinic& clinic, const ExportOptions& o, LineWriter& w)
{
    auto q = filtered_query(clinic.db(),
                            "SELECT id, at, actor, os_user, action, entity, entity_id, client_id, "
                            "outcome, detail, prev_hash, row_hash FROM audit_log WHERE 1",
                            o, "at", "client_id", "id");
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
