#include "massagelog/exchange/common.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/store/audit.hpp"
#include "massagelog/store/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>

namespace massagelog {

namespace {

// Bad rows shown at most in an import's error.
constexpr std::size_t k_max_errors_shown = 50;

} // namespace

namespace exchange {

void LineWriter::cell(std::string_view s, CellKind kind)
{
    if (!m_first)
        m_line += ',';
    m_first = false;
    append_csv_cell(m_line, s, kind);
}

void LineWriter::header(const std::vector<std::string_view>& columns)
{
    for (auto c : columns)
        value(c);
    end();
}

void LineWriter::text(const SQLite::Column& c)
{
    if (c.isNull())
        empty();
    else
        text(std::string_view(c.getText(), static_cast<std::size_t>(c.getBytes())));
}

void LineWriter::value(const SQLite::Column& c)
{
    if (c.isNull())
        empty();
    else
        value(std::string_view(c.getText(), static_cast<std::size_t>(c.getBytes())));
}

void LineWriter::number(long long n)
{
    if (!m_first)
        m_line += ',';
    m_first = false;
    fmt::format_to(std::back_inserter(m_line), "{}", n);
}

void LineWriter::time(Instant t)
{
    value(m_utc ? to_utc_text(t) : m_clock.local_iso(t));
}

void LineWriter::time(const SQLite::Column& c)
{
    if (c.isNull())
        empty();
    else
        time(from_utc_text(c.getText()));
}

void LineWriter::tri(const SQLite::Column& c)
{
    if (c.isNull())
        empty();
    else
        value(c.getInt() ? "yes" : "no");
}

void LineWriter::end()
{
    m_line += "\r\n";
    m_out.write(m_line.data(), static_cast<std::streamsize>(m_line.size()));
    m_line.clear();
    m_first = true;
    if (m_progress && ++m_lines % 100'000 == 0)
        m_progress(m_lines - 1); // less the header
}

SQLite::Statement filtered_query(SQLite::Database& db, std::string select, const ExportOptions& o,
                                 const char* time_column, const char* client_column,
                                 const char* order, const char* therapist_column)
{
    if (o.from)
        select += fmt::format(" AND {} >= :from", time_column);
    if (o.to)
        select += fmt::format(" AND {} < :to", time_column);
    if (o.client_id && client_column)
        select += fmt::format(" AND {} = :client_id", client_column);
    if (o.therapist_id && therapist_column)
        select += fmt::format(" AND {} = :therapist_id", therapist_column);
    SQLite::Statement q(db, select + " ORDER BY " + order);
    if (o.from)
        q.bind(":from", to_utc_text(*o.from));
    if (o.to)
        q.bind(":to", to_utc_text(*o.to));
    if (o.client_id && client_column)
        q.bind(":client_id", *o.client_id);
    if (o.therapist_id && therapist_column)
        q.bind(":therapist_id", *o.therapist_id);
    return q;
}

void require_new_id(SQLite::Statement& exists, const Row& row, std::size_t column, std::int64_t id,
                    std::string_view what)
{
    exists.reset();
    exists.bind(1, id);
    if (exists.executeStep())
        throw InputError(taken_id(row.line(), row.name(column), id, what),
                         "import into a database without it, or remove the row");
}

std::string field_label(long long line, std::string_view column)
{
    return fmt::format("line {}, column {}: value", line, column);
}

std::string taken_id(long long line, std::string_view column, std::int64_t id,
                     std::string_view what)
{
    return fmt::format("{} {}: {} {} already exists", field_label(line, column), id, what, id);
}

std::string refused_row(long long line, std::string_view why)
{
    return fmt::format("line {}: the database refused the row: {}", line, why);
}

std::string Row::label(std::string_view column) const
{
    return field_label(m_line, column);
}

FieldLabel Row::labeller() const
{
    return [this](std::string_view column) { return label(column); };
}

const std::string& Row::raw(std::size_t column) const
{
    return m_fields[static_cast<std::size_t>(m_index[column])];
}

std::string Row::text(std::size_t column) const
{
    return unneutralise(raw(column));
}

std::optional<std::string> Row::opt_text(std::size_t column) const
{
    if (raw(column).empty())
        return std::nullopt;
    return text(column);
}

std::int64_t Row::id(std::size_t column) const
{
    return parse(column, [&](std::string_view f) { return parse_int(raw(column), f, 1, INT64_MAX); });
}

long long Row::integer(std::size_t column, long long lo, long long hi) const
{
    return parse(column, [&](std::string_view f) { return parse_int(raw(column), f, lo, hi); });
}

Instant Row::time(std::size_t column, const ClinicClock& clock) const
{
    return parse(column, [&](std::string_view f) { return clock.parse(raw(column), f); });
}

std::optional<Instant> Row::opt_time(std::size_t column, const ClinicClock& clock) const
{
    if (raw(column).empty())
        return std::nullopt;
    return time(column, clock);
}

Tri Row::tri(std::size_t column) const
{
    return parse(column, [&](std::string_view f) { return parse_tri(raw(column), f); });
}

long long read_rows(Table table, std::istream& in, Sha256& hash,
                    const std::function<void(long long)>& progress, const RowImporter& importer)
{
    const auto& names = csv_columns(table);
    CsvReader reader(in, &hash);
    std::vector<std::string> fields;
    if (!reader.next(fields))
        throw InputError(fmt::format("the file is empty; an import of {} needs a header row",
                                     to_string(table)),
                         fmt::format("an export of {} writes one", to_string(table)));
    std::vector<int> index(names.size(), -1);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        std::string name = unneutralise(fields[i]);
        auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end())
            throw InputError(fmt::format("line {}: column {} is not a column of {}", reader.line(),
                                         quote_value(name), to_string(table)),
                             "see docs/csv.md");
        auto& slot = index[static_cast<std::size_t>(it - names.begin())];
        if (slot != -1)
            throw InputError(fmt::format("line {}: column {} appears twice", reader.line(), name));
        slot = static_cast<int>(i);
    }
    std::string missing;
    for (std::size_t c = 0; c < names.size(); ++c)
        if (index[c] == -1)
            missing += (missing.empty() ? "" : ", ") + std::string(names[c]);
    if (!missing.empty())
        throw InputError(fmt::format("line {}: the header has no column {}", reader.line(), missing),
                         "see docs/csv.md");

    // Errors by line: a batch's come after later rows were read. The first
    // k_max_errors_shown are kept.
    std::vector<std::pair<long long, std::string>> errors;
    long long bad_rows = 0, rows = 0, last_progress = 0;
    auto add_error = [&](long long line, std::string message) {
        ++bad_rows;
        errors.emplace_back(line, std::move(message));
        if (errors.size() >= 2 * k_max_errors_shown) {
            std::stable_sort(errors.begin(), errors.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            errors.resize(k_max_errors_shown);
        }
    };
    auto guarded = [&](long long line, const std::function<void()>& work) {
        try {
            work();
        } catch (const InputError& e) {
            add_error(line,
                      e.hint().empty() ? e.what() : std::string(e.what()) + " (" + e.hint() + ")");
        } catch (const RowErrors& e) {
            for (const auto& [at, message] : e.errors)
                add_error(at, message);
        } catch (const SQLite::Exception& e) {
            if (!is_constraint(e))
                throw;
            add_error(line,
                      refused_row(line, e.what()));
        }
    };
    while (reader.next(fields)) {
        ++rows;
        if (progress && reader.bytes_read() - last_progress >= (8 << 20)) {
            last_progress = reader.bytes_read();
            progress(last_progress);
        }
        if (fields.size() != index.size()) {
            add_error(reader.line(), fmt::format("line {}: {} fields, the header has {}",
                                                 reader.line(), fields.size(), index.size()));
            continue;
        }
        guarded(reader.line(), [&] { importer.row(Row(fields, index, names, reader.line())); });
    }
    if (importer.finish)
        guarded(reader.line(), importer.finish);
    if (progress)
        progress(reader.bytes_read());
    if (bad_rows > 0) {
        std::stable_sort(errors.begin(), errors.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        if (errors.size() > k_max_errors_shown)
            errors.resize(k_max_errors_shown);
        std::string message = fmt::format("{} of {} rows are not valid; nothing was imported",
                                          bad_rows, rows);
        for (const auto& e : errors)
            message += "\n  " + e.second;
        if (bad_rows > static_cast<long long>(errors.size()))
            message += fmt::format("\n  ... and {} more", bad_rows - static_cast<long long>(errors.size()));
        throw InputError(message);
    }
    return rows;
}

std::string required_line(const Row& row, std::size_t column)
{
    std::string text = checked_text(row.text(column), row.label(column), TextKind::line);
    if (text.empty())
        throw InputError(fmt::format("{} '' is empty", row.label(column)));
    return text;
}

} // namespace exchange

} // namespace massagelog
