// trunk: a spasm, cramp or twitch in the chest or abdomen.

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
        const ReportFacts& first = e.reports.front();
        flags.push_back(episode_flag(
            history, e, "trunk", Level::refer, k_refer,
            fmt::format("{} in the {} reported in report {} ({}), severity {}",
                        to_string(first.kind), e.region->name, first.id,
                        context.clock.local_minutes(first.reported_at), first.severity)));
    }
}

} // namespace massagelog::rules
