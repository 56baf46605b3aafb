#pragma once
// The command line: global options, command lookup, option parsing, and the
// one place where errors become messages and exit codes.

#include <ostream>
#include <string>
#include <vector>

namespace massagelog::app {

// Exit codes (SPEC §4).
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failure = 1; // database unreadable, busy, disk full
inline constexpr int k_exit_usage = 2;   // bad usage or bad input; nothing written
inline constexpr int k_exit_matched = 3; // --fail-on matched

// Runs one command line (without the program name) and returns its exit code.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace massagelog::app
