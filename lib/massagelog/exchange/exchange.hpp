#pragma once
// CSV export and import (docs/csv.md lists every file's columns). Exports
// stream row by row; imports validate every row by the command line's rules
// and commit all rows or none, keeping the ids.

#include "massagelog/core/time.hpp"

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace massagelog {

class Clinic;
class ClinicClock;

enum class Table {
    settings,
    therapists,
    clients,
    sessions,
    reports,
    followups,
    flag_reviews,
    flags,
    audit
};

// Parses a table name; throws InputError naming `field`. TableUse::import
// limits it to the tables import reads: every stored table but the audit
// log (flags are computed, not stored).
enum class TableUse { export_, import };
Table parse_table(std::string_view text, std::string_view field, TableUse use);
std::string_view to_string(Table table);

// The columns of a table's CSV file, in order.
const std::vector<std::string_view>& csv_columns(Table table);

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

// Writes the header and every matching row; returns the number of rows.
// Throws InputError for a filter the table does not take.
long long export_csv(Clinic& clinic, const ExportOptions& options, std::ostream& out);

struct Flag;

// Writes flags as the `flags` CSV file (header included), as export does.
void write_flags_csv(const std::vector<Flag>& flags, const ClinicClock& clock, std::ostream& out);

enum class DryRun { no, yes };

struct ImportResult {
    long long rows = 0;
    std::string sha256; // of the file as read
};

// Reads `in` (named `source` in messages and the audit log) into `table`
// in one transaction: every row checked, all committed or none. With
// DryRun::yes nothing is written either way. Throws InputError listing
// every bad row as "line N, column NAME: value 'X' ...".
// `size_hint`, the file's size when known, lets a large import into a
// smaller table drop the table's secondary indexes and build them again at
// the end (inside the same transaction), which is faster than updating them
// row by row.
ImportResult import_csv(Clinic& clinic, Table table, std::istream& in, const std::string& source,
                        DryRun dry_run,
                        const std::function<void(long long bytes)>& progress = {},
                        std::optional<long long> size_hint = std::nullopt);

} // namespace massagelog
