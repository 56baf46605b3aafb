#include "massagelog/records/entry_checks.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/store/settings.hpp"

#include <fmt/format.h>

namespace massagelog {

FutureLimit::FutureLimit(Clinic& clinic)
    : m_clock(clinic.clock()),
      m_slack(std::chrono::minutes{get_int_setting(clinic.db(), "entry.future_minutes")})
{
}

void FutureLimit::check(Instant t, std::string_view field) const
{
    if (t <= latest())
        return;
    throw InputError(fmt::format("{} {} is in the future (now is {})", field,
                                 m_clock.local_minutes(t), m_clock.local_minutes(m_clock.now())),
                     fmt::format("record what has happened; times up to {} min ahead are "
                                 "accepted (entry.future_minutes)",
                                 m_slack.count())).about(field);
}

bool side_fits(const Region& region, Side side)
{
    return region.paired ? side != Side::midline : side == Side::midline;
}

std::string_view sides_taken(const Region& region)
{
    return region.paired ? "left, right or both" : "midline";
}

void check_side(const Region& region, Side side, std::string_view field)
{
    if (side_fits(region, side))
        return;
    throw InputError(fmt::format("{} {}:{}: the {} takes {} only", field, region.name,
                                 to_string(side), region.name, sides_taken(region)),
                     region.paired ? fmt::format("e.g. {}:left", region.name)
                                   : fmt::format("give {} without a side, or {}:midline",
                                                 region.name, region.name)).about(field);
}

} // namespace massagelog
