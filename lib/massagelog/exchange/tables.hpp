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

} // namespace massagelog
