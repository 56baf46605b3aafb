#include "massagelog/records/point_of_care.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/records/health.hpp"
#include "massagelog/rules/flags.hpp"
#include "massagelog/store/clinic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace massagelog {

std::vector<Flag> standing_flags(Clinic& clinic, std::int64_t client_id, Instant as_of,
                                 const Catalog* catalog)
{
    FlagQuery query;
    query.catalog = catalog;
    query.client_id = client_id;
    query.min_level = Level::watch;
    query.as_of = as_of;
    std::vector<Flag> out = compute_flags(clinic, query);
    out.erase(std::remove_if(out.begin(), out.end(), [](const Flag& f) { return f.released(); }),
              out.end());
    return out;
}

std::vector<GuardedRegion> guarded_regions(const std::vector<Flag>& standing,
                                           const std::vector<SessionRegion>& regions)
{
    std::vector<GuardedRegion> out;
    for (const SessionRegion& r : regions)
        for (const Flag& f : standing)
            if (f.level == Level::refer && !f.released() && !f.region.empty() &&
                f.region == r.region && sides_meet(f.side, r.side))
                out.push_back({&f, r});
    return out;
}

std::vector<GuardedRegion> guarded_regions(Clinic& clinic, const std::vector<Flag>& standing,
                                           const SessionInput& input)
{
    SessionWriter writer(clinic);
    writer.check(input, EntryKind::new_entry, clinic.label());
    return guarded_regions(standing, writer.regions());
}

ContraCheck session_contraindications(Clinic& clinic, const SessionInput& input,
                                      const std::vector<SessionRegion>& regions,
                                      const Catalog* catalog)
{
    HealthStanding health = read_health(clinic, input.client_id, clinic.clock().now());
    if (health.entries.empty())
        return no_history_check(); // the one indexed read is all it costs
    std::optional<Catalog> own;
    if (!catalog)
        catalog = &own.emplace(clinic.db());
    return check_contraindications({input.pressure, regions, input.started_at},
                                   {health, *catalog, clinic.clock(), read_caution_limits(clinic)});
}

ContraCheck session_contraindications(Clinic& clinic, const SessionInput& input)
{
    SessionWriter writer(clinic);
    writer.check(input, EntryKind::new_entry, clinic.label());
    return session_contraindications(clinic, input, writer.regions());
}

std::vector<Flag> unreviewed_refer_flags(Clinic& clinic, std::int64_t client_id)
{
    FlagQuery query;
    query.client_id = client_id;
    query.min_level = Level::refer;
    query.unreviewed_only = true;
    return compute_flags(clinic, query);
}

std::vector<Flag> refer_flags_resting_on(Clinic& clinic, std::int64_t client_id,
                                         std::int64_t session_id)
{
    std::vector<Flag> out = unreviewed_refer_flags(clinic, client_id);
    std::erase_if(out, [&](const Flag& f) {
        return std::find(f.session_ids.begin(), f.session_ids.end(), session_id) ==
               f.session_ids.end();
    });
    return out;
}

std::string list_flags(const std::vector<const Flag*>& flags)
{
    std::string out;
    for (const Flag* f : flags)
        out += fmt::format("{}{} [{}] ({})", out.empty() ? "" : "; ", f->rule, f->evidence_key,
                           f->evidence);
    return out;
}

nlohmann::json overridden_flags(const std::vector<const Flag*>& flags)
{
    nlohmann::json out = nlohmann::json::array();
    for (const Flag* f : flags)
        out.push_back({{"rule", f->rule}, {"evidence_key", f->evidence_key}});
    return out;
}

std::optional<std::string> despite_reason(Clinic& clinic, const std::optional<std::string>& raw)
{
    if (!raw)
        return std::nullopt;
    std::string reason = checked_text(*raw, clinic.label("reason"), TextKind::line);
    if (reason.find_first_not_of(" \t") == std::string::npos)
        throw InputError(clinic.label("reason") + " is empty",
                         "say why the work goes ahead despite the flags")
            .about(clinic.label("reason"));
    return reason;
}

} // namespace massagelog
