// nerve: pain, weakness or numbness in a nerve-risk region (neck, shoulder,
// upper arm) after a session that worked that region at pressure 4 or more,
// or with focal pressure.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

namespace massagelog::rules {

namespace {

// A session's "both" or "midline" covers either side; otherwise sides match.
bool sides_meet(Side a, Side b)
{
    return a == b || a == Side::both || b == Side::both || a == Side::midline ||
           b == Side::midline;
}

} // namespace

void nerve(const ClientHistory& history, const RuleContext& context, std::vector<Flag>& flags)
{
    for (const Episode& e : history.episodes) {
        if (!e.region->nerve_risk)
            continue;
        const ReportFacts* report = nullptr;
        std::string symptoms;
        for (const ReportFacts& r : e.reports) {
            symptoms = yes_symptoms(r, {Symptom::pain, Symptom::weakness, Symptom::numbness});
            if (!symptoms.empty()) {
                report = &r;
                break;
            }
        }
        if (!report)
            continue;
        for (const SessionRegion& worked : context.session_regions(e.session_id)) {
            if (worked.region != e.region->name || !sides_meet(worked.side, e.side) ||
                (worked.pressure < 4 && !worked.focal))
                continue;
            Flag f = episode_flag(history, e, "nerve", Level::refer);
            f.evidence = fmt::format(
                "{} yes in the {} {} (report {}, {}) after session {} worked {} {} at pressure "
                "{}{}",
                symptoms, e.region->name, to_string(e.side), report->id,
                context.clock.local_minutes(report->reported_at), e.session_id, worked.region,
                to_string(worked.side), worked.pressure, worked.focal ? " with focal pressure" : "");
            f.guidance = "Refer the client to a physician: pain, weakness or numbness after deep "
                         "or focal pressure on the neck, shoulder or upper arm can mean a "
                         "compressed nerve. Avoid pressure on the area; review the technique "
                         "with the therapist.";
            f.source = "004_bc79bfd18413faca.txt (AANEM / Mayo Clinic case): \"massage "
                       "therapists should avoid applying excessive focal pressure to the neck and "
                       "shoulder area\"; \"Individuals experiencing pain or shoulder weakness "
                       "after a massage may benefit from a visit to the doctor\"";
            flags.push_back(std::move(f));
            break;
        }
    }
}

} // namespace massagelog::rules
