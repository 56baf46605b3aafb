// CSV export of follow-up calls, flags and the audit log.

#include "massagelog/store/clinic.hpp"
#include "massagelog/exchange/common.hpp"
#include "massagelog/rules/flags.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace massagelog::exchange {

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

} // namespace massagelog::exchange
