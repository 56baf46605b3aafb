#include "rows.hpp"

#include "massagelog/exchange/csv.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/core/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace massagelog {

namespace {

// On a terminal a text cell shows at most this many columns.
constexpr std::size_t k_max_table_text = 48;

// The first `columns` columns of `text`, with "…" when cut.
std::string shorten(const std::string& text, std::size_t columns)
{
    if (display_width(text) <= columns)
        return text;
    return std::string(fit_columns(text, columns - 1)) + "…";
}

// One line: line breaks and tabs as spaces, invisible characters shown
// (<U+202E>) so that no cell can reorder the row it is in.
std::string table_text(const Cell& cell)
{
    if (cell.kind == Cell::Kind::null)
        return "-";
    if (cell.kind == Cell::Kind::not_recorded)
        return "n/r";
    std::string out = visible(cell.text);
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    return out;
}

class TableWriter : public RowWriter {
public:
    TableWriter(std::ostream& out, std::vector<std::string> columns, std::size_t max_width)
        : m_out(out), m_columns(std::move(columns)), m_max_width(max_width)
    {
    }
    void row(const std::vector<Cell>& cells) override
    {
        std::vector<std::string> texts;
        for (const Cell& c : cells) {
            texts.push_back(table_text(c));
            if (m_max_width && c.kind == Cell::Kind::text)
                texts.back() = shorten(texts.back(), k_max_table_text);
        }
        if (m_numeric.empty())
            for (const Cell& c : cells) {
                m_numeric.push_back(c.kind == Cell::Kind::number);
                m_text.push_back(c.kind == Cell::Kind::text || c.kind == Cell::Kind::null);
            }
        for (std::size_t i = 0; i < cells.size() && i < m_text.size(); ++i)
            if (cells[i].kind != Cell::Kind::null)
                m_text[i] = m_text[i] && cells[i].kind == Cell::Kind::text;
        m_rows.push_back(std::move(texts));
    }
    void finish() override
    {
        if (m_rows.empty()) {
            m_out << "(none)\n";
            return;
        }
        std::vector<std::size_t> width;
        for (const auto& c : m_columns)
            width.push_back(display_width(c));
        for (const auto& r : m_rows)
            for (std::size_t i = 0; i < r.size() && i < width.size(); ++i)
                width[i] = std::max(width[i], display_width(r[i]));
        fit(width);
        auto line = [&](const std::vector<std::string>& cells, bool header) {
            std::string text;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                std::size_t pad = width[i] - display_width(cells[i]);
                bool right = !header && i < m_numeric.size() && m_numeric[i];
                if (i > 0)
                    text += "  ";
                if (right)
                    text.append(pad, ' ');
                text += cells[i];
                if (!right && i + 1 < cells.size())
                    text.append(pad, ' ');
            }
            while (!text.empty() && text.back() == ' ')
                text.pop_back();
            m_out << text << '\n';
        };
        line(m_columns, true);
        for (const auto& r : m_rows)
            line(r, false);
        if (m_hidden)
            m_out << "(+" << m_hidden << " column" << (m_hidden == 1 ? "" : "s")
                  << ": widen the window, or --format csv)\n";
    }

private:
    // Narrows the widest text columns (never below 10) until the table
    // fits, then leaves out columns from the right if it still does not.
    // An id, a date or a number is never cut: it would read as another.
    void fit(std::vector<std::size_t>& width)
    {
        if (m_max_width == 0 || width.empty())
            return;
        auto total = [&] {
            std::size_t sum = 2 * (width.size() - 1);
            for (auto w : width)
                sum += w;
            return sum;
        };
        auto narrowable = [&](std::size_t i) { return i < m_text.size() && m_text[i]; };
        while (total() > m_max_width) {
            std::size_t widest = width.size();
            for (std::size_t i = 0; i < width.size(); ++i)
                if (narrowable(i) && width[i] > 10 &&
                    (widest == width.size() || width[i] > width[widest]))
                    widest = i;
            if (widest == width.size())
                break;
            --width[widest];
        }
        while (total() > m_max_width && width.size() > 1) {
            width.pop_back();
            m_columns.pop_back();
            ++m_hidden;
        }
        for (auto& r : m_rows)
            if (r.size() > width.size())
                r.resize(width.size());
        for (std::size_t i = 0; i < m_columns.size(); ++i)
            if (narrowable(i))
                m_columns[i] = shorten(m_columns[i], width[i]);
        for (auto& r : m_rows)
            for (std::size_t i = 0; i < r.size() && i < width.size(); ++i)
                r[i] = shorten(r[i], width[i]);
    }

    std::ostream& m_out;
    std::vector<std::string> m_columns;
    std::size_t m_max_width;
    std::size_t m_hidden = 0;
    std::vector<bool> m_numeric;
    std::vector<bool> m_text; // free text in every row: may be shortened
    std::vector<std::vector<std::string>> m_rows;
};

class CsvWriter : public RowWriter {
public:
    CsvWriter(std::ostream& out, const std::vector<std::string>& columns) : m_out(out)
    {
        std::string line;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i > 0)
                line += ',';
            append_csv_cell(line, columns[i], CellKind::value);
        }
        m_out << line << "\r\n";
    }
    void row(const std::vector<Cell>& cells) override
    {
        m_line.clear();
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0)
                m_line += ',';
            const Cell& c = cells[i];
            append_csv_cell(m_line, c.text,
                            c.kind == Cell::Kind::text ? CellKind::text : CellKind::value);
        }
        m_line += "\r\n";
        m_out << m_line;
    }
    void finish() override { m_out.flush(); }

private:
    std::ostream& m_out;
    std::string m_line;
};

class JsonWriter : public RowWriter {
public:
    JsonWriter(std::ostream& out, std::vector<std::string> columns)
        : m_out(out), m_columns(std::move(columns))
    {
        m_out << '[';
    }
    void row(const std::vector<Cell>& cells) override
    {
        nlohmann::ordered_json object = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < cells.size() && i < m_columns.size(); ++i) {
            const Cell& c = cells[i];
            switch (c.kind) {
            case Cell::Kind::null:
            case Cell::Kind::not_recorded:
                object[m_columns[i]] = nullptr;
                break;
            case Cell::Kind::number:
                object[m_columns[i]] = c.number;
                break;
            default:
                object[m_columns[i]] = c.text;
            }
        }
        m_out << (m_first ? "\n  " : ",\n  ") << object.dump();
        m_first = false;
    }
    void finish() override { m_out << (m_first ? "]\n" : "\n]\n"); }

private:
    std::ostream& m_out;
    std::vector<std::string> m_columns;
    bool m_first = true;
};

} // namespace

Format parse_format(std::string_view text, std::string_view field)
{
    if (text == "table")
        return Format::table;
    if (text == "csv")
        return Format::csv;
    if (text == "json")
        return Format::json;
    throw InputError(std::string(field) + " " + quote_value(text) + " is not a format",
                     "use table, csv or json");
}

std::unique_ptr<RowWriter> make_writer(Format format, std::ostream& out,
                                       std::vector<std::string> columns, std::size_t max_width)
{
    switch (format) {
    case Format::csv:
        return std::make_unique<CsvWriter>(out, columns);
    case Format::json:
        return std::make_unique<JsonWriter>(out, std::move(columns));
    case Format::table:
        break;
    }
    return std::make_unique<TableWriter>(out, std::move(columns), max_width);
}

namespace {

bool is_number(std::string_view word)
{
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == ',';
    });
}

// The pieces a line may break between: words, with a number kept on the
// line of the word after it ("81 d", "5 days").
std::vector<std::string_view> unbreakable(std::string_view text)
{
    std::vector<std::string_view> words;
    for (std::size_t start = 0; start <= text.size();) {
        auto space = text.find(' ', start);
        if (space == text.npos)
            space = text.size();
        words.push_back(text.substr(start, space - start));
        start = space + 1;
    }
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (is_number(words[i]) && i + 1 < words.size()) {
            // Both lie in `text`, one space apart.
            out.emplace_back(words[i].data(), words[i].size() + 1 + words[i + 1].size());
            ++i;
        } else {
            out.push_back(words[i]);
        }
    }
    return out;
}

} // namespace

std::string wrapped(std::string_view text, std::size_t indent, std::size_t width)
{
    if (width == 0 || width <= indent + 20 || indent + display_width(text) <= width)
        return std::string(text);
    std::string out;
    std::size_t used = indent;
    for (std::string_view piece : unbreakable(text)) {
        std::size_t w = display_width(piece);
        if (used > indent && used + 1 + w > width) {
            out += '\n' + std::string(indent, ' ');
            used = indent;
        } else if (used > indent) {
            out += ' ';
            ++used;
        }
        out += piece;
        used += w;
    }
    return out;
}

void print_fields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields)
{
    std::size_t width = 0;
    for (const auto& [k, _] : fields)
        width = std::max(width, k.size());
    for (const auto& [k, v] : fields)
        out << k << ':' << std::string(width - k.size() + 1, ' ') << visible(v) << '\n';
}

} // namespace massagelog
