// worsening: a later report in an episode has a higher severity or frequency
// than an earlier one.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

namespace massagelog::rules {

namespace {

const Advice k_refer{
    "Refer the client to a physician: a reaction that is getting worse should be evaluated. Do "
    "not massage the area until it has been.",
    "000_477a1b020d41746b.txt: seek medical attention for \"persistent or worsening muscle "
    "twitching\"; 002_48f8ebfdbd48d405.txt: \"If twitching persists or becomes more frequent, "
    "it is advisable to seek medical attention\""};

} // namespace

void worsening(const ClientHistory& history, const RuleContext& context, std::vector<Flag>& flags)
{
    for (const Episode& e : history.episodes) {
        const ReportFacts* least_severe = nullptr;
        const ReportFacts* least_frequent = nullptr;
        std::string found;
        for (const ReportFacts& r : e.reports) {
            if (least_severe && r.severity > least_severe->severity)
                found = fmt::format("severity {} in report {} ({}) rose to {} in report {} ({})",
                                    least_severe->severity, least_severe->id,
                                    context.clock.local_minutes(least_severe->reported_at),
                                    r.severity, r.id, context.clock.local_minutes(r.reported_at));
            else if (r.frequency && least_frequent && *r.frequency > *least_frequent->frequency)
                found = fmt::format("frequency {} in report {} ({}) rose to {} in report {} ({})",
                                    to_string(*least_frequent->frequency), least_frequent->id,
                                    context.clock.local_minutes(least_frequent->reported_at),
                                    to_string(*r.frequency), r.id,
                                    context.clock.local_minutes(r.reported_at));
            if (!least_severe || r.severity < least_severe->severity)
                least_severe = &r;
            if (r.frequency && (!least_frequent || *r.frequency < *least_frequent->frequency))
                least_frequent = &r;
        }
        if (!found.empty())
            flags.push_back(episode_flag(history, e, "worsening", Level::refer, k_refer,
                                         where(e) + ": " + found));
    }
}

} // namespace massagelog::rules
