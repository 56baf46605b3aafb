#pragma once
// The numbered SQL migrations of schema/, embedded at build time.

#include <string_view>
#include <vector>

namespace massagelog {

struct Migration {
    int version;
    std::string_view file;
    std::string_view sql;
};

// Every migration, in version order (1, 2, ...).
const std::vector<Migration>& migrations();

} // namespace massagelog
