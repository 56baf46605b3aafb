// recurrent: reactions after recur.count or more distinct sessions within
// any span of recur.window_days, the latest of them itself within
// recur.window_days of now.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace massagelog::rules {

namespace {

const Advice k_refer{
    "Refer the client to a physician: reactions that keep coming back after sessions can signal "
    "an underlying problem. Review technique and pressure before the next session.",
    "003_f45dc562454c53a3.txt: \"consult your doctor if you get muscle cramps regularly\"; "
    "004_bc79bfd18413faca.txt: \"if muscle spasms or cramps occur very often, you have to "
    "consult your doctor\""};

// The reacting sessions of the latest span that fires, by start; empty when
// none does. `reacting` is one episode per session, by session start.
std::vector<const Episode*> latest_span(const std::vector<const Episode*>& reacting,
                                        const RuleContext& context)
{
    const auto& t = context.thresholds;
    auto window = std::chrono::days{t.recur_window_days};
    for (std::size_t last = reacting.size(); last-- > 0;) {
        Instant end = reacting[last]->session_started;
        if (clinic_elapsed(context.clock, end, context.as_of) > window)
            break; // every earlier session is further back still
        std::size_t first = last;
        while (first > 0 &&
               clinic_elapsed(context.clock, reacting[first - 1]->session_started, end) <= window)
            --first;
        if (static_cast<long long>(last - first + 1) >= t.recur_count)
            return {reacting.begin() + static_cast<std::ptrdiff_t>(first),
                    reacting.begin() + static_cast<std::ptrdiff_t>(last + 1)};
    }
    return {};
}

} // namespace

void recurrent(const ClientHistory& history, const RuleContext& context, std::vector<Flag>& flags)
{
    const auto& t = context.thresholds;
    std::vector<const Episode*> reacting; // one per session (episodes come by session)
    for (const Episode& e : history.episodes)
        if (reacting.empty() || reacting.back()->session_id != e.session_id)
            reacting.push_back(&e);
    if (static_cast<long long>(reacting.size()) < t.recur_count)
        return;
    std::stable_sort(reacting.begin(), reacting.end(), [](const Episode* a, const Episode* b) {
        return a->session_started < b->session_started;
    });
    std::vector<const Episode*> span = latest_span(reacting, context);
    if (span.empty())
        return;
    // The evidence key names the sessions by id; the evidence lists them by date.
    std::vector<std::int64_t> ids;
    for (const Episode* e : span)
        ids.push_back(e->session_id);
    std::sort(ids.begin(), ids.end());
    std::string key = "sessions:";
    for (std::size_t i = 0; i < ids.size(); ++i)
        key += (i ? "," : "") + std::to_string(ids[i]);
    Flag f = client_flag(history, "recurrent", Level::refer, k_refer, std::move(key));
    std::string dates;
    for (const Episode* e : span) {
        f.session_ids.push_back(e->session_id);
        dates += (dates.empty() ? "" : ", ") + context.clock.local_date(e->session_started);
    }
    for (const Episode& e : history.episodes) {
        if (std::find(ids.begin(), ids.end(), e.session_id) != ids.end())
            add_reports(f, e.reports);
    }
    Instant first = span.front()->session_started, last = span.back()->session_started;
    f.evidence = fmt::format("reactions after {} sessions within {} ({}), the latest {} ago; "
                             "the clinic refers at {} sessions within {} days",
                             span.size(), describe_duration(clinic_elapsed(context.clock, first, last)),
                             dates, describe_duration(clinic_elapsed(context.clock, last, context.as_of)),
                             t.recur_count, t.recur_window_days);
    flags.push_back(std::move(f));
}

} // namespace massagelog::rules
