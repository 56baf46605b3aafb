#pragma once
// The facts of one reaction a client reports.

#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"

#include <optional>

namespace massagelog {

// What a client tells of one reaction: the one list of its facts that a
// report being entered, a stored report and the rules' view of it share.
struct Reaction {
    Instant onset_at{};
    ReactionKind kind = ReactionKind::twitch;
    int severity = 0;
    std::optional<Frequency> frequency;
    Tri still_present = Tri::unknown;
    std::optional<Instant> resolved_at;
    Symptoms symptoms;
};

} // namespace massagelog
