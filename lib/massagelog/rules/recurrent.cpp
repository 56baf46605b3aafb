// recurrent: reactions after recur.count or more distinct sessions started
// within the last recur.window_days.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace massagelog::rules {

void recurrent(const ClientHistory& history, const RuleContext& context, std::vector<Flag>& flags)
{
    const auto& t = context.thresholds;
    std::vector<const Episode*> recent; // one per session
    for (const Episode& e : history.episodes) {
        if (clinic_elapsed(context.clock, e.session_started, context.as_of) >
            std::chrono::days{t.recur_window_days})
            continue;
        if (recent.empty() || recent.back()->session_id != e.session_id)
            recent.push_back(&e);
    }
    if (static_cast<long long>(recent.size()) < t.recur_count)
        return;
    // The evidence key names the sessions by id; the evidence lists them by date.
    std::vector<std::int64_t> ids;
    for (const Episode* e : recent)
        ids.push_back(e->session_id);
    std::sort(ids.begin(), ids.end());
    std::stable_sort(recent.begin(), recent.end(), [](const Episode* a, const Episode* b) {
        return a->session_started < b->session_started;
    });
    Flag f;
    f.rule = "recurrent";
    f.level = Level::refer;
    f.client_id = history.client_id;
    f.evidence_key = "sessions:";
    for (std::size_t i = 0; i < ids.size(); ++i)
        f.evidence_key += (i ? "," : "") + std::to_string(ids[i]);
    std::string dates;
    for (const Episode* e : recent) {
        f.session_ids.push_back(e->session_id);
        dates += (dates.empty() ? "" : ", ") + context.clock.local_date(e->session_started);
    }
    for (const Episode& e : history.episodes) {
        for (std::int64_t s : f.session_ids) {
            if (e.session_id != s)
                continue;
            for (const auto& r : e.reports)
                f.report_ids.push_back(r.id);
            f.at = std::max(f.at, e.latest_report());
        }
    }
    f.evidence = fmt::format("reactions after {} sessions in the last {} d ({}); threshold {} "
                             "sessions (recur.count, recur.window_days)",
                             recent.size(), t.recur_window_days, dates, t.recur_count);
    f.guidance = "Refer the client to a physician: reactions that keep coming back after "
                 "sessions can signal an underlying problem. Review technique and pressure "
                 "before the next session.";
    f.source = "003_f45dc562454c53a3.txt: \"consult your doctor if you get muscle cramps "
               "regularly\"; 004_bc79bfd18413faca.txt: \"if muscle spasms or cramps occur very "
               "often, you have to consult your doctor\"";
    flags.push_back(std::move(f));
}

} // namespace massagelog::rules
