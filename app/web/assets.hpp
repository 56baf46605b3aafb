#pragma once
// The web's static files (app/web/assets), embedded at build time.

#include <string_view>
#include <vector>

namespace massagelog::web {

struct Asset {
    std::string_view path; // "/style.css"
    std::string_view text;
};

const std::vector<Asset>& assets();

} // namespace massagelog::web
