// weakness: any report with weakness, loss of control or stiffness = yes;
// one flag per bout, whose evidence is the reports that said so.

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
    const std::initializer_list<Symptom> which = {Symptom::weakness, Symptom::loss_of_control, Symptom::stiffness};
    for (const Episode& e : history.episodes) {
        for (const Bout& bout : e.bouts()) {
            auto found = reports_with(bout.reports, which);
            if (found.empty())
                continue;
            Flag f = bout_flag(history, e, bout, "weakness", Level::refer, k_refer,
                               where(e) + ": " + yes_in_reports(found, context, which));
            add_reports(f, found);
            flags.push_back(std::move(f));
        }
    }
}

} // namespace massagelog::rules
