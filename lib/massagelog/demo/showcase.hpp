#pragma once
// The named clients of the demo clinic, each showing one situation the flag
// rules act on (docs/rules.md walks through them).

#include "massagelog/demo/writer.hpp"

#include <chrono>

namespace massagelog::demo {

// Clinic-local wall time `days_ago` days before today at hh:mm.
class LocalDays {
public:
    explicit LocalDays(const ClinicClock& clock)
        : m_zone(clock.zone()), m_today(std::chrono::floor<date::days>(m_zone.to_local(clock.now())))
    {
    }
    Instant at(int days_ago, int hour, int minute = 0) const
    {
        auto local = m_today - date::days{days_ago} + std::chrono::hours{hour} + std::chrono::minutes{minute};
        return std::chrono::floor<std::chrono::seconds>(m_zone.to_sys(local, date::choose::earliest));
    }

private:
    const date::time_zone& m_zone;
    date::local_days m_today;
};


// How many clients add_showcase adds.
inline constexpr int k_showcase_clients = 14;

// Adds the showcase clients and their histories.
void add_showcase(Writer& w, const LocalDays& day, Instant now,
                  const std::vector<std::int64_t>& therapists);

} // namespace massagelog::demo
