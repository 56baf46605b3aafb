#include "massagelog/rules/articles.hpp"

namespace massagelog {

std::string cite(std::string_view text)
{
    std::string out(text);
    for (const Article& a : k_articles) {
        std::string title = "\u201c" + std::string(a.title) + "\u201d";
        for (auto at = out.find(a.file); at != std::string::npos;
             at = out.find(a.file, at + title.size()))
            out.replace(at, a.file.size(), title);
    }
    return out;
}

} // namespace massagelog
