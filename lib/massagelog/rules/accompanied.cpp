// accompanied: vision changes or numbness = yes (refer); pain or fatigue =
// yes (watch, which gives way while an unreviewed refer flag stands on the
// same bout). One flag per bout, whose evidence is the reports that said so.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

namespace massagelog::rules {

namespace {

const Advice k_refer{
    "Refer the client to a physician: a muscle reaction with changes in vision or numbness "
    "needs a medical assessment.",
    "000_477a1b020d41746b.txt: seek medical attention for \"muscle twitching accompanied by "
    "other symptoms, such as pain, fatigue, or changes in vision\""};

const Advice k_watch{
    "Call the client: pain or fatigue with a muscle reaction is worth watching. Advise rest for "
    "24 hours, fluids and a warm compress; if it persists, a GP visit.",
    "000_477a1b020d41746b.txt: twitching \"accompanied by other symptoms, such as pain, "
    "fatigue\"; 001_a411700d9baee785.txt: consult a professional if twitching \"is combined "
    "with pain or weakness\""};

} // namespace

void accompanied(const ClientHistory& history, const RuleContext& context,
                 std::vector<Flag>& flags)
{
    const std::initializer_list<Symptom> refer = {Symptom::vision_changes, Symptom::numbness};
    const std::initializer_list<Symptom> watch = {Symptom::pain, Symptom::fatigue};
    for (const Episode& e : history.episodes) {
        for (const Bout& bout : e.bouts()) {
            auto found = reports_with(bout.reports, refer);
            Level level = Level::refer;
            std::string said = yes_in_reports(found, context, refer);
            if (found.empty()) {
                found = reports_with(bout.reports, watch);
                if (found.empty())
                    continue;
                level = Level::watch;
                said = yes_in_reports(found, context, watch);
            }
            Flag f = bout_flag(history, e, bout, "accompanied", level,
                               level == Level::refer ? k_refer : k_watch,
                               fmt::format("{} {}: {}", to_string(bout.reports.front().kind),
                                           where(e), said));
            f.yields_to_refer = level == Level::watch;
            add_reports(f, found);
            flags.push_back(std::move(f));
        }
    }
}

} // namespace massagelog::rules
