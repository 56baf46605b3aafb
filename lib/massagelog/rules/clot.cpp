// clot: calf pain after a session, for a client whose health history says
// they have had a clot (or one is suspected): a painful calf reaction (pain
// yes, or a cramp) is how a deep vein thrombosis shows itself, so it is
// referred the same day rather than watched. One flag per bout.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

namespace massagelog::rules {

namespace {

const Advice k_refer{
    "Send the client to a physician today: calf pain, swelling, warmth or redness in someone who "
    "has had a clot can be a deep vein thrombosis, which massage can dislodge. Do not work the "
    "leg until a physician has cleared it.",
    "BMC Pregnancy and Childbirth 2020, doi 10.1186/s12884-020-02924-w; The Physician and "
    "Sportsmedicine 38(4):136-139 (2010), venous thromboembolism after deep-tissue massage"};

bool painful(const ReportFacts& r)
{
    return r.symptoms[Symptom::pain] == Tri::yes || r.kind == ReactionKind::cramp;
}

} // namespace

void clot(const ClientHistory& history, const RuleContext& context, std::vector<Flag>& flags)
{
    if (!context.clot_history)
        return;
    std::optional<Instant> recorded = context.clot_history(history.client_id);
    if (!recorded)
        return;
    for (const Episode& e : history.episodes) {
        if (e.region->name != "calf")
            continue;
        for (const Bout& bout : e.bouts()) {
            std::vector<const ReportFacts*> evidence;
            for (const ReportFacts& r : bout.reports)
                if (painful(r))
                    evidence.push_back(&r);
            if (evidence.empty())
                continue;
            const ReportFacts& first = *evidence.front();
            Flag f = bout_flag(
                history, e, bout, "clot", Level::refer, k_refer,
                fmt::format("{} in the {} calf{} in report {} ({}); the health history says clot "
                            "yes (recorded {})",
                            to_string(first.kind), to_string(e.side),
                            first.symptoms[Symptom::pain] == Tri::yes ? " with pain" : "", first.id,
                            context.clock.local_minutes(first.reported_at),
                            context.clock.local_minutes(*recorded)));
            add_reports(f, evidence);
            flags.push_back(std::move(f));
        }
    }
}

} // namespace massagelog::rules
