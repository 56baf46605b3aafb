// accompanied: vision changes or numbness = yes (refer); pain or fatigue =
// yes (watch, unless a refer-level flag already stands on the episode).

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

namespace massagelog::rules {

namespace {

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
        std::string serious, mild;
        for (const ReportFacts& r : e.reports) {
            if (auto s = yes_symptoms(r, {Symptom::vision_changes, Symptom::numbness}); !s.empty())
                serious += fmt::format("{}{} yes in report {} ({})", serious.empty() ? "" : "; ",
                                       s, r.id, context.clock.local_minutes(r.reported_at));
            if (auto s = yes_symptoms(r, {Symptom::pain, Symptom::fatigue}); !s.empty())
                mild += fmt::format("{}{} yes in report {} ({})", mild.empty() ? "" : "; ", s,
                                    r.id, context.clock.local_minutes(r.reported_at));
        }
        if (!serious.empty()) {
            Flag f = episode_flag(history, e, "accompanied", Level::refer);
            f.evidence = fmt::format("{} {} {}: {}", to_string(e.reports.front().kind),
                                     e.region->name, to_string(e.side), serious);
            f.guidance = "Refer the client to a physician: a muscle reaction with changes in "
                         "vision or numbness needs a medical assessment.";
            f.source = "000_477a1b020d41746b.txt: seek medical attention for \"muscle twitching "
                       "accompanied by other symptoms, such as pain, fatigue, or changes in "
                       "vision\"";
            flags.push_back(std::move(f));
        } else if (!mild.empty() && !referred_already(flags, e.key())) {
            Flag f = episode_flag(history, e, "accompanied", Level::watch);
            f.evidence = fmt::format("{} {} {}: {}", to_string(e.reports.front().kind),
                                     e.region->name, to_string(e.side), mild);
            f.guidance = "Call the client: pain or fatigue with a muscle reaction is worth "
                         "watching. Advise rest for 24 hours, fluids and a warm compress; if it "
                         "persists, a GP visit.";
            f.source = "000_477a1b020d41746b.txt: twitching \"accompanied by other symptoms, such "
                       "as pain, fatigue\"; 001_a411700d9baee785.txt: consult a professional if "
                       "twitching \"is combined with pain or weakness\"";
            flags.push_back(std::move(f));
        }
    }
}

} // namespace massagelog::rules
