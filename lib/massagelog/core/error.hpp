#pragma once
// The two kinds of failure massagelog distinguishes. app/main.cpp maps them to
// exit codes: InputError -> 2 (bad usage or input, nothing written),
// OperationalError -> 1 (the database or the file system failed).

#include <stdexcept>
#include <string>

namespace massagelog {

// Bad usage or bad input. what() names the offending flag or field and value;
// hint() says how to fix it, or is empty.
class InputError : public std::runtime_error {
public:
    explicit InputError(const std::string& what, std::string hint = {})
        : std::runtime_error(what), m_hint(std::move(hint))
    {
    }
    const std::string& hint() const noexcept { return m_hint; }

private:
    std::string m_hint;
};

// The database or the file system could not do what was asked.
class OperationalError : public std::runtime_error {
public:
    explicit OperationalError(const std::string& what, std::string hint = {})
        : std::runtime_error(what), m_hint(std::move(hint))
    {
    }
    const std::string& hint() const noexcept { return m_hint; }

private:
    std::string m_hint;
};

} // namespace massagelog
