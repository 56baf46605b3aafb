// accompanied: vision changes or numbness = yes (refer); pain or fatigue =
// yes (watch, unless a refer-level flag already stands on the episode).

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

bool referred_already(const std::vector<Flag>& flags, const std::string& episode_key)
{
    for (const Flag& f : flags)
        if (f.level == Level::refer && f.evidence_key == episode_key)
            return true;
    return false;
}

} // namespace

void accompanied(const ClientHistory& history, const RuleContext& context,
                 std::vector<Flag>& flags)
{
    for (const Episode& e : history.episodes) {
        std::string found = yes_in_reports(e, context, {Symptom::vision_changes, Symptom::numbness});
        Level level = Level::refer;
        if (found.empty()) {
            found = yes_in_reports(e, context, {Symptom::pain, Symptom::fatigue});
            level = Level::watch;
            if (found.empty() || referred_already(flags, e.key()))
                continue;
        }
        flags.push_back(episode_flag(
            history, e, "accompanied", level, level == Level::refer ? k_refer : k_watch,
            fmt::format("{} {}: {}", to_string(e.reports.front().kind), where(e), found)));
    }
}

} // namespace massagelog::rules
