#pragma once
// Shared pieces of the CSV export and import.

#include "massagelog/exchange/csv.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/exchange/tables.hpp"
#include "massagelog/core/values.hpp"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace SQLite {
class Column;
class Database;
class Statement;
}

namespace massagelog {

class BulkDigest;
class Clinic;
class ClinicClock;
struct Flag;

namespace exchange {

// Builds one CSV line at a time in a reused buffer.
class LineWriter {
public:
    LineWriter(std::ostream& out, const ClinicClock& clock, bool utc,
               std::function<void(long long)> progress = {})
        : m_out(out), m_clock(clock), m_utc(utc), m_progress(std::move(progress))
    {
    }
    void header(const std::vector<std::string_view>& columns);
    void text(std::string_view s) { cell(s, CellKind::text); }
    void text(const SQLite::Column& c); // NULL as an empty cell
    void value(std::string_view s) { cell(s, CellKind::value); }
    void value(const SQLite::Column& c);
    void number(long long n);
    void empty() { cell({}, CellKind::value); }
    // A stored UTC instant (or NULL) in clinic time with offset, or UTC.
    void time(const SQLite::Column& c);
    void time(Instant t);
    void tri(const SQLite::Column& c); // 1/0/NULL as yes/no/empty
    void end();

private:
    void cell(std::string_view s, CellKind kind);
    std::ostream& m_out;
    const ClinicClock& m_clock;
    bool m_utc;
    std::string m_line;
    bool m_first = true;
    std::function<void(long long)> m_progress;
    long long m_lines = 0;
};

// One record of an import: its cells by column name, with the line it
// came from for messages.
class Row {
public:
    Row(const std::vector<std::string>& fields, const std::vector<int>& index,
        const std::vector<std::string_view>& names, long long line)
        : m_fields(fields), m_index(index), m_names(names), m_line(line)
    {
    }
    long long line() const { return m_line; }
    // "line 7, column pressure: value"
    std::string label(std::string_view column) const;
    std::string label(std::size_t column) const { return label(m_names[column]); }
    std::string_view name(std::size_t column) const { return m_names[column]; }
    FieldLabel labeller() const;
    // The raw cell of a value column (numbers, times, names).
    const std::string& raw(std::size_t column) const;
    // A text cell with the formula neutralisation undone.
    std::string text(std::size_t column) const;
    std::optional<std::string> opt_text(std::size_t column) const;
    // Runs `parse(field)` with a cheap placeholder for the field's name, and
    // again with the real "line N, column X: value" only when it fails, so
    // the label is built for bad rows alone.
    template <class Parse> auto parse(std::size_t column, Parse&& parse) const
    {
        try {
            return parse(std::string_view("value"));
        } catch (const InputError&) {
            return parse(std::string_view(label(column)));
        }
    }
    std::int64_t id(std::size_t column) const;
    long long integer(std::size_t column, long long lo, long long hi) const;
    Instant time(std::size_t column, const ClinicClock& clock) const;
    std::optional<Instant> opt_time(std::size_t column, const ClinicClock& clock) const;
    Tri tri(std::size_t column) const;

private:
    const std::vector<std::string>& m_fields;
    const std::vector<int>& m_index;
    const std::vector<std::string_view>& m_names;
    long long m_line;
};

// Reads a file for one table: checks the header (columns in any order, each
// once, none missing or unknown) and hands each record to `visit`, which
// throws InputError for a bad row; collects every error, and throws them
// all at the end. Returns the number of rows.
struct RowImporter;
long long read_rows(Table table, std::istream& in, Sha256& hash,
                    const std::function<void(long long)>& progress, const RowImporter& importer);

// "line 7, column pressure: value", as Row::label gives it.
std::string field_label(long long line, std::string_view column);
// "line 7, column id: value 12: session 12 already exists"
std::string taken_id(long long line, std::string_view column, std::int64_t id,
                     std::string_view what);
// "line 7: the database refused the row: CHECK constraint failed: ..."
std::string refused_row(long long line, std::string_view why);

// Prepares `select` (which ends in "WHERE 1") with the filters `o` gives —
// on `time_column`, `client_column` and `therapist_column`, each nullptr
// where the table has none — ordered by `order`, all bound. Only the
// filters given go into the SQL, so SQLite can use the index that fits.
SQLite::Statement filtered_query(SQLite::Database& db, std::string select, const ExportOptions& o,
                                 const char* time_column, const char* client_column,
                                 const char* order, const char* therapist_column = nullptr);

// A one-line text cell that may not be empty (who: contacted_by,
// reviewed_by, recorded_by); InputError names the cell.
std::string required_line(const Row& row, std::size_t column);

// Throws InputError when `exists` (SELECT 1 ... WHERE id = ?) finds `id`.
void require_new_id(SQLite::Statement& exists, const Row& row, std::size_t column,
                    std::int64_t id, std::string_view what);

// One flag as a row of the flags file.
void flag_row(LineWriter& w, const Flag& f);

// The flags, computed for the export's client and instant.
long long export_flags(Clinic&, const ExportOptions&, LineWriter&);

// Rows an importer held back and then found bad, each with its line: a
// batch is written after the rows in it were read.
struct RowErrors : std::exception {
    std::vector<std::pair<long long, std::string>> errors;
    const char* what() const noexcept override { return "rows refused"; }
};

// Checks and writes one row (throwing InputError for a bad one, or
// RowErrors for rows held back before it); `finish`, when there is one,
// writes what is still held back at the end. An importer finds the
// positions of the columns it reads by name (column_of) when it is built.
struct RowImporter {
    std::function<void(const Row&)> row;
    std::function<void()> finish;
    bool digests_rows = false; // hands each row's digest over itself
};
RowImporter therapist_importer(Clinic&);
RowImporter client_importer(Clinic&);
// `bulk`: many rows, written on a second thread while the next are checked.
// Each session's digest goes to `digests` as it is queued.
RowImporter session_importer(Clinic&, bool bulk, BulkDigest& digests);
RowImporter report_importer(Clinic&);
RowImporter settings_importer(Clinic&);
RowImporter followup_importer(Clinic&);
RowImporter review_importer(Clinic&);
RowImporter health_importer(Clinic&);

} // namespace exchange

} // namespace massagelog
