#pragma once
// One region a session worked, as the session, the flags and the
// contraindication checks read it.

#include "massagelog/core/values.hpp"

#include <string>

namespace massagelog {

// One region worked, resolved: side and pressure filled in from defaults.
struct SessionRegion {
    std::string region;
    Side side = Side::midline;
    int pressure = 0;
    bool focal = false;
};

// "neck:midline:4:focal": the form --region takes and CSV carries.
std::string to_string(const SessionRegion& r);

} // namespace massagelog
