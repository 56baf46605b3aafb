#pragma once
// Asking for what a command still needs, on a terminal: one question at a
// time, each answer checked at once and asked again when it is wrong.

#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace massagelog::app {

// Thrown when the person gives up (end of input, or "no" at the end).
struct Cancelled {};

class Prompter {
public:
    Prompter(std::istream& in, std::ostream& out) : m_in(in), m_out(out) {}

    // Asks `question` until `accept` takes the answer without throwing
    // InputError (whose message is shown before asking again). An empty
    // answer means `fallback` when there is one. Throws Cancelled at the end
    // of input.
    std::string ask(const std::string& question, const std::optional<std::string>& fallback,
                    const std::function<void(const std::string&)>& accept);
    void say(const std::string& text);
    // "yes" unless the answer starts with n; Cancelled at the end of input.
    bool confirm(const std::string& question);

private:
    std::istream& m_in;
    std::ostream& m_out;
};

// A new password: on a terminal asked twice without echo until both agree
// (and check_password takes it); else the first line of standard input.
// Throws Cancelled at the end of input.
std::string read_new_password(std::istream& in, std::ostream& out);

} // namespace massagelog::app
