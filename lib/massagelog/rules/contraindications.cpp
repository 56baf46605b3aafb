#include "massagelog/rules/contraindications.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/settings.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace massagelog {

namespace {

using Q = HealthQuestion;

const Advice k_clot{
    "Do not work the legs of a client with a clot, now or in the past, until a physician has "
    "said it is safe: pressure on a vein with a clot can move it. Calf pain, swelling, warmth or "
    "redness after a session: send the client to a physician the same day.",
    "BMC Pregnancy and Childbirth 2020, doi 10.1186/s12884-020-02924-w; The Physician and "
    "Sportsmedicine 38(4):136-139 (2010), venous thromboembolism after deep-tissue massage"};
const Advice k_anticoagulant{
    "Keep to light or moderate pressure anywhere on a client who takes an anticoagulant or "
    "antiplatelet medicine: firm and deep pressure bruises and can bleed under the skin.",
    "bruising and haematoma risk on anticoagulants (clinical consensus; shown as a caution)"};
const Advice k_sensation{
    "Keep to light or moderate pressure on a limb with reduced sensation: the client cannot "
    "tell you when it hurts, so pain cannot warn of harm.",
    "reduced sensation: the client cannot give pain feedback (clinical consensus)"};
const Advice k_pregnancy{
    "No deep pressure on the legs and no work on the abdomen in pregnancy: the risk of a clot "
    "is raised through pregnancy and after it.",
    "BMC Pregnancy and Childbirth 2020, doi 10.1186/s12884-020-02924-w"};
const Advice k_local{
    "Leave out an area with recent surgery or injury, a wound or a skin condition, and any area "
    "the client asked you to avoid.",
    "the client's health history"};
const Advice k_caution{
    "Adapt the session: ask how the client is today, keep pressure moderate, avoid lying flat "
    "for long with high blood pressure, work away from a pacemaker or device, and gently with "
    "osteoporosis or cancer treatment (ask about the treating team's advice).",
    "the client's health history (clinical consensus; shown as a caution)"};

constexpr std::array k_clot_regions{"thigh-front", "thigh-back", "calf", "shin", "foot"};

// "clot yes (recorded 2026-11-01 10:00)"
std::string answered(const ContraContext& c, Q q)
{
    const StandingAnswer& a = c.health[q];
    return fmt::format("{} {} (recorded {})", health_question(q).column,
                       describe_answer(*a.from, q), c.clock.local_minutes(a.from->recorded_at));
}

Contraindication found(std::string_view rule, ContraEffect effect,
                       std::optional<SessionRegion> region, std::string answer,
                       std::string reason, const Advice& advice)
{
    return {rule, effect, std::move(region), std::move(answer), std::move(reason), &advice};
}

// A rule bound to regions, on a session whose regions were not recorded:
// it cannot tell what was worked, so it warns rather than stays silent.
void warn_unrecorded(const ContraSession& s, std::string_view rule, std::string answer,
                     std::string_view which, const Advice& advice,
                     std::vector<Contraindication>& out)
{
    if (s.regions.empty())
        out.push_back(found(rule, ContraEffect::warn, std::nullopt, std::move(answer),
                            fmt::format("the session names no regions: {}", which), advice));
}

bool area_meets(const BodyArea& area, const SessionRegion& r)
{
    return area.region == r.region && sides_meet(area.side, r.side);
}

} // namespace

std::string_view to_string(ContraEffect effect)
{
    return effect == ContraEffect::block ? "block" : "warn";
}

CautionLimits read_caution_limits(Clinic& clinic)
{
    return {static_cast<int>(get_int_setting(clinic, "caution.anticoagulant_max_pressure")),
            static_cast<int>(get_int_setting(clinic, "caution.neuropathy_max_pressure"))};
}

bool within_six_months(std::string_view text, Instant started_at, const ClinicClock& clock)
{
    using namespace date;
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(std::string(text).c_str(), "%d-%u-%u", &y, &m, &d) != 3)
        return true; // not a date: keep the area out rather than let it through
    year_month_day end = year{y} / month{m} / day{d} + months{6};
    if (!end.ok())
        end = end.year() / end.month() / last;
    return clock.local_date(started_at) <= format("%F", sys_days(end));
}

namespace contra {

void clot(const ContraSession& s, const ContraContext& c, std::vector<Contraindication>& out)
{
    if (!c.health.yes(Q::clot))
        return;
    for (const SessionRegion& r : s.regions)
        if (std::find(k_clot_regions.begin(), k_clot_regions.end(), r.region) != k_clot_regions.end())
            out.push_back(found("clot", ContraEffect::block, r, answered(c, Q::clot),
                                "no work on the thigh, calf, shin or foot", k_clot));
    warn_unrecorded(s, "clot", answered(c, Q::clot), "do not work the thigh, calf, shin or foot",
                    k_clot, out);
}

void anticoagulant(const ContraSession& s, const ContraContext& c,
                   std::vector<Contraindication>& out)
{
    if (!c.health.yes(Q::anticoagulant))
        return;
    const int max = c.limits.anticoagulant_max_pressure;
    const std::string reason =
        fmt::format("pressure above {} ({}) anywhere", max, pressure_name(max));
    bool any = false;
    for (const SessionRegion& r : s.regions)
        if (r.pressure > max) {
            out.push_back(found("anticoagulant", ContraEffect::block, r,
                                answered(c, Q::anticoagulant), reason, k_anticoagulant));
            any = true;
        }
    if (!any && s.pressure > max)
        out.push_back(found("anticoagulant", ContraEffect::block, std::nullopt,
                            answered(c, Q::anticoagulant),
                            fmt::format("{}: the session's pressure is {}", reason, s.pressure),
                            k_anticoagulant));
}

void sensation(const ContraSession& s, const ContraContext& c, std::vector<Contraindication>& out)
{
    if (!c.health.yes(Q::reduced_sensation))
        return;
    const int max = c.limits.neuropathy_max_pressure;
    const HealthEntry& from = *c.health[Q::reduced_sensation].from;
    const bool limbs_named = from.sensation_regions && !from.sensation_regions->empty();
    auto limb = [&](const std::string& name) -> const std::string& {
        return c.catalog.region(name, "region").body_group;
    };
    auto is_limb = [](const std::string& group) {
        return group == "upper-limb" || group == "lower-limb";
    };
    for (const SessionRegion& r : s.regions) {
        if (r.pressure <= max)
            continue;
        bool affected = false;
        if (!limbs_named) {
            affected = is_limb(limb(r.region)); // which limb not recorded: every limb
        } else {
            for (const BodyArea& a : *from.sensation_regions)
                affected = affected ||
                           (sides_meet(a.side, r.side) &&
                            (a.region == r.region ||
                             (is_limb(limb(a.region)) && limb(a.region) == limb(r.region))));
        }
        if (affected)
            out.push_back(found("sensation", ContraEffect::block, r,
                                answered(c, Q::reduced_sensation),
                                fmt::format("pressure above {} ({}) on a limb with reduced "
                                            "sensation{}",
                                            max, pressure_name(max),
                                            limbs_named ? "" : " (which limb not recorded: every limb)"),
                                k_sensation));
    }
    warn_unrecorded(s, "sensation", answered(c, Q::reduced_sensation),
                    fmt::format("keep to pressure {} or less on the affected limb", max), k_sensation,
                    out);
}

void pregnancy(const ContraSession& s, const ContraContext& c, std::vector<Contraindication>& out)
{
    if (!c.health.yes(Q::pregnant))
        return;
    for (const SessionRegion& r : s.regions) {
        if (r.region == "abdomen")
            out.push_back(found("pregnancy", ContraEffect::block, r, answered(c, Q::pregnant),
                                "no work on the abdomen in pregnancy", k_pregnancy));
        else if (r.pressure >= 4 && c.catalog.region(r.region, "region").body_group == "lower-limb")
            out.push_back(found("pregnancy", ContraEffect::block, r, answered(c, Q::pregnant),
                                "no deep pressure (4 or more) on the legs in pregnancy",
                                k_pregnancy));
    }
    warn_unrecorded(s, "pregnancy", answered(c, Q::pregnant),
                    "no deep pressure on the legs and no work on the abdomen", k_pregnancy, out);
}

void local(const ContraSession& s, const ContraContext& c, std::vector<Contraindication>& out)
{
    auto block_areas = [&](const std::vector<BodyArea>& areas, const std::string& answer,
                           const std::string& reason) {
        for (const SessionRegion& r : s.regions)
            if (std::any_of(areas.begin(), areas.end(),
                            [&](const BodyArea& a) { return area_meets(a, r); }))
                out.push_back(found("local", ContraEffect::block, r, answer, reason, k_local));
        if (!areas.empty())
            warn_unrecorded(s, "local", answer, "leave out " + to_string(areas), k_local, out);
    };
    // A yes's regions blocked or, when it named none, a warning.
    auto at_its_regions = [&](Q q, const std::optional<std::vector<BodyArea>>& regions,
                              const char* there, const char* unrecorded) {
        if (regions && !regions->empty())
            block_areas(*regions, answered(c, q), there);
        else
            out.push_back(found("local", ContraEffect::warn, std::nullopt, answered(c, q),
                                unrecorded, k_local));
    };
    if (c.health.yes(Q::recent_surgery)) {
        const HealthEntry& from = *c.health[Q::recent_surgery].from;
        // Without a date, the answer says "in the last 6 months" as of the
        // day it was recorded: it holds until 6 months after that day.
        const std::string since = from.surgery_date.value_or(c.clock.local_date(from.recorded_at));
        if (within_six_months(since, s.started_at, c.clock))
            at_its_regions(Q::recent_surgery, from.surgery_regions,
                           "surgery or injury there within 6 months",
                           "surgery or injury within 6 months, where not recorded: ask the "
                           "client before working");
    }
    if (c.health.yes(Q::skin_condition))
        at_its_regions(Q::skin_condition, c.health[Q::skin_condition].from->skin_regions,
                       "a skin condition or wound there",
                       "a skin condition or wound, where not recorded: look before working");
    if (const HealthEntry* from = c.health.avoid_from; from && !from->avoid_regions->empty())
        block_areas(*from->avoid_regions,
                    fmt::format("avoid {} (recorded {})", to_string(*from->avoid_regions),
                                c.clock.local_minutes(from->recorded_at)),
                    "the client asked that it be avoided");
}

void caution(const ContraSession&, const ContraContext& c, std::vector<Contraindication>& out)
{
    for (Q q : {Q::high_blood_pressure, Q::pacemaker, Q::cancer_treatment, Q::osteoporosis})
        if (c.health.yes(q))
            out.push_back(found("caution", ContraEffect::warn, std::nullopt, answered(c, q),
                                std::string(health_question(q).asks), k_caution));
}

} // namespace contra

namespace {

struct ContraSpec {
    contra::ContraRule evaluate;
    std::vector<Q> reads; // the questions it reads
    bool blocks = true;   // a yes to one of them can refuse a session
};

const std::array<ContraSpec, 6>& contra_table()
{
    static const std::array<ContraSpec, 6> table{{
        {contra::clot, {Q::clot}},
        {contra::anticoagulant, {Q::anticoagulant}},
        {contra::sensation, {Q::reduced_sensation}},
        {contra::pregnancy, {Q::pregnant}},
        {contra::local, {Q::recent_surgery, Q::skin_condition}},
        {contra::caution,
         {Q::high_blood_pressure, Q::pacemaker, Q::cancer_treatment, Q::osteoporosis},
         false},
    }};
    return table;
}

} // namespace

std::vector<const Contraindication*> ContraCheck::blocks() const
{
    std::vector<const Contraindication*> out;
    for (const Contraindication& c : found)
        if (c.effect == ContraEffect::block)
            out.push_back(&c);
    return out;
}

bool ContraCheck::blocked() const
{
    return std::any_of(found.begin(), found.end(),
                       [](const Contraindication& c) { return c.effect == ContraEffect::block; });
}

bool can_block(const HealthStanding& health)
{
    for (const ContraSpec& spec : contra_table())
        for (Q q : spec.reads)
            if (spec.blocks && health.yes(q))
                return true;
    return health.avoid_from && !health.avoid_from->avoid_regions->empty();
}

ContraCheck no_history_check()
{
    ContraCheck out;
    out.no_history = true;
    for (const ContraSpec& spec : contra_table())
        for (Q q : spec.reads)
            out.not_asked.push_back(health_question(q).column);
    out.not_asked.push_back("avoid_regions");
    return out;
}

ContraCheck check_contraindications(const ContraSession& session, const ContraContext& context)
{
    if (context.health.entries.empty())
        return no_history_check();
    ContraCheck out;
    for (const ContraSpec& spec : contra_table()) {
        spec.evaluate(session, context, out.found);
        for (Q q : spec.reads)
            if (context.health[q].answer == Tri::unknown)
                out.not_asked.push_back(health_question(q).column);
    }
    if (!context.health.avoid_from)
        out.not_asked.push_back("avoid_regions");
    std::stable_partition(out.found.begin(), out.found.end(), [](const Contraindication& c) {
        return c.effect == ContraEffect::block;
    });
    return out;
}

std::string describe(const Contraindication& c)
{
    return fmt::format("{} ({}: {}; {})", c.region ? to_string(*c.region) : "the session", c.rule,
                       c.reason, c.answer);
}

} // namespace massagelog
