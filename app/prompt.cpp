#include "prompt.hpp"

#include <massagelog/access/accounts.hpp>
#include <massagelog/core/error.hpp>

#include <termios.h>
#include <unistd.h>

namespace massagelog::app {

std::string Prompter::ask(const std::string& question, const std::optional<std::string>& fallback,
                          const std::function<void(const std::string&)>& accept)
{
    while (true) {
        m_out << question;
        if (fallback)
            m_out << " [" << (fallback->empty() ? "none" : *fallback) << "]";
        m_out << ": " << std::flush;
        std::string answer;
        if (!std::getline(m_in, answer))
            throw Cancelled{};
        while (!answer.empty() && (answer.back() == '\r' || answer.back() == ' '))
            answer.pop_back();
        if (answer.empty() && fallback)
            answer = *fallback;
        try {
            accept(answer);
            return answer;
        } catch (const InputError& e) {
            m_out << "  " << e.what();
            if (!e.hint().empty())
                m_out << " (" << e.hint() << ")";
            m_out << "\n";
        }
    }
}

void Prompter::say(const std::string& text)
{
    m_out << text << '\n' << std::flush;
}

bool Prompter::confirm(const std::string& question)
{
    m_out << question << " [Y/n]: " << std::flush;
    std::string answer;
    if (!std::getline(m_in, answer))
        throw Cancelled{};
    return answer.empty() || (answer[0] != 'n' && answer[0] != 'N');
}

namespace {

// Reads one line with the terminal's echo off.
bool read_hidden(std::istream& in, std::ostream& out, const char* question, std::string& line)
{
    out << question << ": " << std::flush;
    termios old{};
    bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    bool got = static_cast<bool>(std::getline(in, line));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        out << '\n';
    }
    return got;
}

} // namespace

std::string read_new_password(std::istream& in, std::ostream& out)
{
    std::string first, second;
    if (!isatty(STDIN_FILENO)) {
        if (!std::getline(in, first))
            throw InputError("no password on standard input",
                             "give it as the first line, or run the command on a terminal");
        if (!first.empty() && first.back() == '\r')
            first.pop_back();
        check_password(first, "the password");
        return first;
    }
    while (true) {
        if (!read_hidden(in, out, "New password", first) ||
            !read_hidden(in, out, "The same again", second))
            throw Cancelled{};
        if (first != second) {
            out << "  The two did not match; again.\n";
            continue;
        }
        try {
            check_password(first, "the password");
            return first;
        } catch (const InputError& e) {
            out << "  " << e.what() << " (" << e.hint() << ")\n";
        }
    }
}

} // namespace massagelog::app
