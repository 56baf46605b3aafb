#pragma once
// The checks every entry of a clinical row makes, typed or imported
// (SPEC 2): nothing happens in the future, and a side fits its region.

#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"

#include <string_view>

namespace massagelog {

class Clinic;
struct Region;

// How far past now a time may be: the clinic clock's now plus
// entry.future_minutes, read once.
class FutureLimit {
public:
    explicit FutureLimit(Clinic& clinic);

    // Throws InputError naming `field` when `t` is later than the limit:
    // sessions, onsets, reports, resolutions and calls all happened already.
    void check(Instant t, std::string_view field) const;
    // The latest time entry accepts.
    Instant latest() const { return m_clock.now() + m_slack; }

private:
    const ClinicClock& m_clock;
    std::chrono::minutes m_slack;
};

// Whether `region` takes `side`: a paired region (calf, shoulder) left,
// right or both; an unpaired one (neck, abdomen) midline only.
bool side_fits(const Region& region, Side side);

// Throws InputError naming `field` and the value when `side` does not fit
// `region`, with the sides it takes.
void check_side(const Region& region, Side side, std::string_view field);

// "left, right or both" / "midline": the sides `region` takes, for messages.
std::string_view sides_taken(const Region& region);

} // namespace massagelog
