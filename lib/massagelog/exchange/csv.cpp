#include "massagelog/exchange/csv.hpp"

#include "massagelog/store/audit.hpp"
#include "massagelog/core/error.hpp"

#include <fmt/format.h>

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
    bool quote = false;
    for (char c : cell) // a plain loop: find_first_of calls memchr for every byte
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            quote = true;
            break;
        }
    if (quote)
        out += '"';
    if (neutralise)
        out += '\'';
    if (!quote) {
        out.append(cell); // the common case: nothing to escape
        return;
    }
    std::size_t start = 0;
    for (std::size_t q = cell.find('"'); q != std::string_view::npos; q = cell.find('"', start)) {
        out.append(cell.substr(start, q + 1 - start));
        out += '"';
        start = q + 1;
    }
    out.append(cell.substr(start));
    out += '"';
}

std::string unneutralise(std::string_view cell)
{
    if (!cell.empty() && cell.front() == '\'' && looks_like_formula(cell.substr(1)))
        cell.remove_prefix(1);
    return std::string(cell);
}

CsvReader::CsvReader(std::istream& in, Sha256* hash) : m_in(in), m_hash(hash), m_buffer(1 << 20) {}

bool CsvReader::fill()
{
    if (m_pos < m_end)
        return true;
    m_in.read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_end = static_cast<std::size_t>(m_in.gcount());
    m_pos = 0;
    if (m_end == 0) {
        if (m_in.bad())
            throw InputError(fmt::format("line {}: the file cannot be read", m_line));
        return false;
    }
    if (m_hash)
        m_hash->update(std::string_view(m_buffer.data(), m_end));
    m_bytes += static_cast<long long>(m_end);
    if (!m_started) {
        m_started = true;
        if (m_end >= 3 && static_cast<unsigned char>(m_buffer[0]) == 0xEF &&
            static_cast<unsigned char>(m_buffer[1]) == 0xBB &&
            static_cast<unsigned char>(m_buffer[2]) == 0xBF)
            m_pos = 3;
    }
    return m_pos < m_end;
}

bool CsvReader::next(std::vector<std::string>& fields)
{
    std::size_t count = 0;
    auto field = [&]() -> std::string& {
        if (count == fields.size())
            fields.emplace_back();
        std::string& f = fields[count++];
        f.clear();
        return f;
    };
    while (true) {
        if (!fill()) {
            fields.resize(0);
            return false;
        }
        char c = m_buffer[m_pos];
        if (c == '\n') { // an empty line
            ++m_pos;
            ++m_line;
            continue;
        }
        if (c == '\r') {
            ++m_pos;
            continue;
        }
        break;
    }
    m_record_line = m_line;
    std::string* current = &field();
    enum class State { start, plain, quoted, quote_in_quoted } state = State::start;
    while (true) {
        if (!fill()) {
            if (state == State::quoted)
                throw InputError(fmt::format("line {}: a quoted field is not closed",
                                             m_record_line),
                                 "every opening \" needs a closing \"");
            break;
        }
        char c = m_buffer[m_pos++];
        if (state == State::quoted) {
            if (c == '"')
                state = State::quote_in_quoted;
            else {
                if (c == '\n')
                    ++m_line;
                *current += c;
            }
            continue;
        }
        if (state == State::quote_in_quoted) {
            if (c == '"') {
                *current += '"';
                state = State::quoted;
                continue;
            }
            state = State::plain;
            if (c != ',' && c != '\r' && c != '\n')
                throw InputError(fmt::format("line {}: text after a closing quote", m_line),
                                 "double a quote inside a quoted field: \"\"");
        }
        if (c == ',') {
            current = &field();
            state = State::start;
        } else if (c == '\n') {
            ++m_line;
            break;
        } else if (c == '\r') {
            // CR LF, or a lone CR: both end the record.
            if (fill() && m_buffer[m_pos] == '\n')
                ++m_pos;
            ++m_line;
            break;
        } else if (c == '"' && state == State::start) {
            state = State::quoted;
        } else if (c == '"') {
            throw InputError(fmt::format("line {}: a quote inside an unquoted field", m_line),
                             "quote the whole field and double the quote: \"say \"\"hi\"\"\"");
        } else {
            *current += c;
            state = State::plain;
        }
    }
    fields.resize(count);
    return true;
}

} // namespace massagelog
