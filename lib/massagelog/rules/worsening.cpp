// worsening: a later report in an episode has a higher severity or frequency
// than an earlier one (of any bout); one flag per bout in which a report
// rose, whose evidence is the reports compared.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

#include <algorithm>

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
        for (const Bout& bout : e.bouts()) {
            std::string found;
            std::vector<const ReportFacts*> compared;
            for (const ReportFacts& r : bout.reports) {
                const ReportFacts* from = nullptr;
                if (least_severe && r.severity > least_severe->severity) {
                    from = least_severe;
                    found = fmt::format("severity {} in report {} ({}) rose to {} in report {} ({})",
                                        from->severity, from->id,
                                        context.clock.local_minutes(from->reported_at), r.severity,
                                        r.id, context.clock.local_minutes(r.reported_at));
                } else if (r.frequency && least_frequent &&
                           *r.frequency > *least_frequent->frequency) {
                    from = least_frequent;
                    found = fmt::format("frequency {} in report {} ({}) rose to {} in report {} ({})",
                                        to_string(*from->frequency), from->id,
                                        context.clock.local_minutes(from->reported_at),
                                        to_string(*r.frequency), r.id,
                                        context.clock.local_minutes(r.reported_at));
                }
                if (from) {
                    for (const ReportFacts* c : {from, &r})
                        if (std::find(compared.begin(), compared.end(), c) == compared.end())
                            compared.push_back(c);
                }
                if (!least_severe || r.severity < least_severe->severity)
                    least_severe = &r;
                if (r.frequency && (!least_frequent || *r.frequency < *least_frequent->frequency))
                    least_frequent = &r;
            }
            if (found.empty())
                continue;
            Flag f = bout_flag(history, e, bout, "worsening", Level::refer, k_refer,
                               where(e) + ": " + found);
            add_reports(f, compared);
            flags.push_back(std::move(f));
        }
    }
}

} // namespace massagelog::rules
