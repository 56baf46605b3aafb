#pragma once
// CSV export and import (docs/csv.md lists every file's columns). Exports
// stream row by row; imports validate every row by the command line's rules
// and commit all rows or none, keeping the ids.

#include "massagelog/core/time.hpp"
#include "massagelog/exchange/tables.hpp"

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

// Writes the header and every matching row; returns the number of rows.
// Throws InputError for a filter the table does not take.
long long export_csv(Clinic& clinic, const ExportOptions& options, std::ostream& out);

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
