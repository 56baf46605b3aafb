#pragma once
// The two kinds of failure massagelog distinguishes. app/main.cpp maps them to
// exit codes: InputError -> 2 (bad usage or input, nothing written),
// OperationalError -> 1 (the database or the file system failed).

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace massagelog {

// Bad usage or bad input. what() names the offending flag or field and value;
// hint() says how to fix it, or is empty; field() is that flag or field as
// the caller named it ("--at" on the command line, "at" in a web form), or
// empty when the input as a whole is wrong.
class InputError : public std::runtime_error {
public:
    explicit InputError(const std::string& what, std::string hint = {})
        : std::runtime_error(what), m_hint(std::move(hint))
    {
    }
    const std::string& hint() const noexcept { return m_hint; }
    const std::string& field() const noexcept { return m_field; }
    // Names the field at fault: throw InputError(...).about(field).
    InputError&& about(std::string_view field) &&
    {
        m_field = field;
        return std::move(*this);
    }

private:
    std::string m_hint;
    std::string m_field;
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
