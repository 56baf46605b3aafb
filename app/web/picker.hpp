#pragma once
// Choosing a client without knowing their ID: a find form above the
// session and report forms (a plain GET, made live by pick.js through
// /clients/pick), and a client's recent sessions for the report form.

#include <cstdint>
#include <string>
#include <string_view>

namespace massagelog {
class Clinic;
}

namespace massagelog::web {

// The find form for the entry form at `action`, with the clients matching
// `find` (when given) as links to `action?client=ID`.
std::string client_finder(Clinic& clinic, std::string_view action, const std::string& find);

// The client's latest sessions (voided ones left out), newest first, each a
// link to the report form for it; the interactive command line offers the
// same choice.
std::string recent_sessions(Clinic& clinic, std::int64_t client_id);

} // namespace massagelog::web
