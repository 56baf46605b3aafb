#pragma once
// The tables that export and import move, their CSV columns, and what an
// export may filter on.

#include "massagelog/core/time.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace massagelog {

enum class Table {
    settings,
    therapists,
    clients,
    sessions,
    reports,
    followups,
    flag_reviews,
    health_history,
    flags,
    audit
};

// Parses a table name; throws InputError naming `field`. TableUse::import
// limits it to the tables import reads: every stored table but the audit
// log (flags are computed, not stored).
enum class TableUse { export_, import };
Table parse_table(std::string_view text, std::string_view field, TableUse use);
std::string_view to_string(Table table);

// How a stored column becomes a CSV cell.
enum class CellFrom {
    number,  // an integer that is never NULL
    value,   // as stored (names, enum words, ids that may be NULL): never neutralised
    text,    // free text: neutralised when a spreadsheet would run it
    time,    // a stored UTC instant, in clinic time with offset or in UTC
    tri,     // 1, 0 or NULL as yes, no or empty
    yes_no,  // 1 or 0 as yes or no
    regions, // a session's regions, read beside the sessions (not in the SELECT)
};

struct CsvColumn {
    std::string_view name;
    CellFrom from = CellFrom::value;
};

// One table as export writes it and import reads it: its CSV columns in
// order, and the query that gives them (every column but regions, in the
// same order, ending in "WHERE 1"), with the columns its filters use
// (nullptr where the table has none). Flags are computed: no query.
struct TableSpec {
    std::vector<CsvColumn> columns;
    const char* select = nullptr;
    const char* time_column = nullptr;
    const char* client_column = nullptr;
    const char* order = nullptr;
    const char* therapist_column = nullptr;
};

const TableSpec& table_spec(Table table);

// The names of a table's CSV columns, in order.
const std::vector<std::string_view>& csv_columns(Table table);

// Where the CSV column `name` stands among `table`'s: how an importer
// finds the columns it reads, once, from the one list. Throws
// std::logic_error for a name the table does not have (a mistake in the
// code, not in the file).
std::size_t column_of(Table table, std::string_view name);

struct ExportOptions {
    Table table = Table::sessions;
    std::optional<Instant> from, to;  // on the table's main time (sessions: started_at)
    std::optional<std::int64_t> client_id;
    std::optional<std::int64_t> therapist_id; // sessions only
    std::optional<Instant> as_of;     // flags only
    bool bom = false;                 // a UTF-8 byte order mark first, for spreadsheets
    bool utc = false;                 // times in UTC (Z) instead of clinic time with offset
    // Called every 100,000 rows written, with the count so far.
    std::function<void(long long rows)> progress;
};

} // namespace massagelog
