// nerve: pain, weakness or numbness in a nerve-risk region (neck, shoulder,
// upper arm) after any session in the nerve.lookback_days before the onset
// that worked that region at pressure 4 or more, or with focal pressure —
// not only the session the report is filed under.

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

namespace massagelog::rules {

namespace {

const Advice k_refer{
    "Refer the client to a physician: pain, weakness or numbness after deep or focal pressure on "
    "the neck, shoulder or upper arm can mean a compressed nerve. Avoid pressure on the area; "
    "review the technique with the therapist.",
    "004_bc79bfd18413faca.txt (AANEM / Mayo Clinic case): \"massage therapists should avoid "
    "applying excessive focal pressure to the neck and shoulder area\"; \"Individuals "
    "experiencing pain or shoulder weakness after a massage may benefit from a visit to the "
    "doctor\""};

struct NerveWork {
    const SessionVisit* session = nullptr;
    Instant started{};
    SessionRegion worked;
};

// The latest session of the client that started within the look-back
// before `onset` and worked the episode's region and side deeply or
// focally. history.sessions is in start order, so the walk goes back from
// the onset and stops at the first session older than the look-back.
std::optional<NerveWork> deep_work_before(const ClientHistory& history, const Episode& e,
                                          Instant onset, const RuleContext& context)
{
    std::string onset_text = to_utc_text(onset);
    auto lookback = std::chrono::days{context.thresholds.nerve_lookback_days};
    for (auto it = history.sessions.rbegin(); it != history.sessions.rend(); ++it) {
        if (std::string_view(it->started.data(), it->started.size()) > onset_text)
            continue; // started after the onset
        Instant started = it->started_at();
        if (clinic_elapsed(context.clock, started, onset) > lookback)
            break;
        for (const SessionRegion& worked : context.session_regions(it->id))
            if (worked.region == e.region->name && sides_meet(worked.side, e.side) &&
                (worked.pressure >= 4 || worked.focal))
                return NerveWork{&*it, started, worked};
    }
    return std::nullopt;
}

} // namespace

void nerve(const ClientHistory& history, const RuleContext& context, std::vector<Flag>& flags)
{
    const std::initializer_list<Symptom> which = {Symptom::pain, Symptom::weakness, Symptom::numbness};
    for (const Episode& e : history.episodes) {
        if (!e.region->nerve_risk)
            continue;
        for (const Bout& bout : e.bouts()) {
            std::optional<Flag> f;
            for (const ReportFacts* r : reports_with(bout.reports, which)) {
                auto found = deep_work_before(history, e, r->onset_at, context);
                if (!found)
                    continue;
                if (f) { // the flag names the first; later ones are evidence too
                    add_reports(*f, std::span(r, 1));
                    continue;
                }
                const SessionRegion& worked = found->worked;
                bool earlier = found->session->id != e.session_id;
                std::string which_session =
                    earlier ? fmt::format("session {} on {}, {} before the onset (the report is "
                                          "filed under session {}),",
                                          found->session->id,
                                          context.clock.local_minutes(found->started),
                                          describe_duration(clinic_elapsed(
                                              context.clock, found->started, r->onset_at)),
                                          e.session_id)
                            : fmt::format("session {}", e.session_id);
                f = bout_flag(
                    history, e, bout, "nerve", Level::refer, k_refer,
                    fmt::format("{} yes in the {} (report {}, {}) after {} worked {} {} at "
                                "pressure {}{}",
                                yes_symptoms(*r, which), where(e), r->id,
                                context.clock.local_minutes(r->reported_at), which_session,
                                worked.region, to_string(worked.side), worked.pressure,
                                worked.focal ? " with focal pressure" : ""));
                if (earlier)
                    f->session_ids.insert(f->session_ids.begin(), found->session->id);
                add_reports(*f, std::span(r, 1));
            }
            if (f)
                flags.push_back(std::move(*f));
        }
    }
}

} // namespace massagelog::rules
