#include "prompt.hpp"

#include <massagelog/core/error.hpp>

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

} // namespace massagelog::app
