#include "massagelog/csv.hpp"

namespace massagelog {

bool looks_like_formula(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size() && text[i] == '\'')
        ++i;
    if (i == text.size())
        return false;
    char c = text[i];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void append_csv_cell(std::string& out, std::string_view cell, CellKind kind)
{
    bool neutralise = kind == CellKind::text && looks_like_formula(cell);
    bool quote = cell.find_first_of(",\"\r\n") != std::string_view::npos;
    if (quote)
        out += '"';
    if (neutralise)
        out += '\'';
    for (char c : cell) {
        if (c == '"')
            out += '"';
        out += c;
    }
    if (quote)
        out += '"';
}

std::string unneutralise(std::string_view cell)
{
    if (!cell.empty() && cell.front() == '\'' && looks_like_formula(cell.substr(1)))
        cell.remove_prefix(1);
    return std::string(cell);
}

} // namespace massagelog
