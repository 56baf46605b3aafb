#pragma once
// What the demo generator wrote, table by table.

#include <cstdint>

namespace massagelog {

struct DemoCounts {
    std::int64_t therapists = 0;
    std::int64_t clients = 0;
    std::int64_t sessions = 0;
    std::int64_t session_regions = 0;
    std::int64_t reports = 0;
    std::int64_t followups = 0;
};

} // namespace massagelog
