// weakness: any report with weakness, loss of control or stiffness = yes.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

namespace massagelog::rules {

void weakness(const ClientHistory& history, const RuleContext& context, std::vector<Flag>& flags)
{
    for (const Episode& e : history.episodes) {
        std::string found;
        for (const ReportFacts& r : e.reports) {
            std::string yes = yes_symptoms(r, {Symptom::weakness, Symptom::loss_of_control,
                                               Symptom::stiffness});
            if (!yes.empty())
                found += fmt::format("{}{} yes in report {} ({})", found.empty() ? "" : "; ", yes,
                                     r.id, context.clock.local_minutes(r.reported_at));
        }
        if (found.empty())
            continue;
        Flag f = episode_flag(history, e, "weakness", Level::refer);
        f.evidence = fmt::format("{} {}: {}", e.region->name, to_string(e.side), found);
        f.guidance = "Refer the client to a physician: weakness, loss of control or stiffness "
                     "with a muscle reaction needs a medical assessment. No further massage of "
                     "the area until cleared.";
        f.source = "000_477a1b020d41746b.txt: seek medical attention for \"muscle weakness or "
                   "loss of control\"; NHS: see a GP if the area feels weak or stiff";
        flags.push_back(std::move(f));
    }
}

} // namespace massagelog::rules
