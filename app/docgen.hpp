#pragma once
// The man page and bash completion, generated from the command table that
// also prints --help, so the three never disagree.

#include <ostream>
#include <string>

namespace massagelog::app {

// `kind` is "man" (massagelog.1, roff) or "bash-completion"; throws
// InputError for anything else.
void write_generated(const std::string& kind, std::ostream& out);

} // namespace massagelog::app
