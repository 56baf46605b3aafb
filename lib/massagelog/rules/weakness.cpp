// weakness: any report with weakness, loss of control or stiffness = yes.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

namespace massagelog::rules {

namespace {

const Advice k_refer{
    "Refer the client to a physician: weakness, loss of control or stiffness with a muscle "
    "reaction needs a medical assessment. No further massage of the area until cleared.",
    "000_477a1b020d41746b.txt: seek medical attention for \"muscle weakness or loss of "
    "control\"; NHS: see a GP if the area feels weak or stiff"};

} // namespace

void weakness(const ClientHistory& history, const RuleContext& context, std::vector<Flag>& flags)
{
    for (const Episode& e : history.episodes) {
        std::string found = yes_in_reports(
            e, context, {Symptom::weakness, Symptom::loss_of_control, Symptom::stiffness});
        if (!found.empty())
            flags.push_back(episode_flag(history, e, "weakness", Level::refer, k_refer,
                                         where(e) + ": " + found));
    }
}

} // namespace massagelog::rules
