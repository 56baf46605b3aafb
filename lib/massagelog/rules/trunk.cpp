// trunk: a spasm, cramp or twitch in the chest or abdomen; one flag per
// bout, whose evidence is the reports that did not say it was gone.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

namespace massagelog::rules {

namespace {

const Advice k_refer{
    "Refer the client to a physician: spasms in the stomach or chest can signal a problem that "
    "massage cannot treat.",
    "003_f45dc562454c53a3.txt: \"If you experience spasms in the stomach or chest, consult with "
    "your physician.\""};

} // namespace

void trunk(const ClientHistory& history, const RuleContext& context, std::vector<Flag>& flags)
{
    for (const Episode& e : history.episodes) {
        if (!e.region->visceral)
            continue;
        for (const Bout& bout : e.bouts()) {
            const ReportFacts& first = bout.reports.front();
            Flag f = bout_flag(history, e, bout, "trunk", Level::refer, k_refer,
                               fmt::format("{} in the {} reported in report {} ({}), severity {}",
                                           to_string(first.kind), e.region->name, first.id,
                                           context.clock.local_minutes(first.reported_at),
                                           first.severity));
            // A report that only says the reaction has gone adds nothing to review.
            for (const ReportFacts& r : bout.reports)
                if (&r == &first || (r.still_present != Tri::no && !r.resolved_at))
                    add_reports(f, std::span(&r, 1));
            flags.push_back(std::move(f));
        }
    }
}

} // namespace massagelog::rules
