#pragma once
// A realistic, deterministic demo clinic: therapists, clients, sessions
// across techniques and pressures, reaction reports, and a set of named
// clients whose histories each show one situation the flag rules act on.

#include "massagelog/core/time.hpp"
#include "massagelog/demo/counts.hpp"

#include <cstdint>
#include <functional>
#include <optional>

namespace massagelog {

class Clinic;

struct DemoOptions {
    std::int64_t clients = 40;
    std::int64_t sessions = 400;
    std::optional<std::int64_t> reports; // default: 3 in 10 sessions
    std::uint64_t seed = 1;
};

// Fills an empty database (InputError otherwise) in one transaction, audited
// as one import. Histories end at the clinic clock's "now", so the same seed
// and the same now give the same database. `progress` is called now and then
// with the sessions written so far.
DemoCounts generate_demo(Clinic& clinic, const DemoOptions& options,
                         const std::function<void(std::int64_t done, std::int64_t total)>& progress = {});

} // namespace massagelog
