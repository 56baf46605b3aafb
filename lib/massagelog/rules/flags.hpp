#pragma once
// The flags engine: every rule over each client's history, the flags sorted,
// and reviews recorded.

#include "massagelog/core/time.hpp"
#include "massagelog/store/row_table.hpp"
#include "massagelog/rules/flag.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace massagelog {

class Catalog;
class Clinic;
struct ClientHistory;

struct FlagQuery {
    std::optional<std::int64_t> client_id;
    Level min_level = Level::info;
    bool unreviewed_only = false;
    std::optional<Instant> as_of; // the clinic clock's now when empty
    // Called every 1,000 clients read, with the count so far.
    std::function<void(long long clients)> progress;
    // Flags sorted in memory at a time; beyond it, sorted runs go to private
    // temporary files (mode 0600, unlinked) and are merged.
    std::size_t sort_run = 4096;
    // Called with every client history read, before its flags: a caller
    // that needs the histories too reads the clinic once. A history's
    // episodes point into `catalog`: to keep a history, pass a catalog that
    // outlives it (else one lives only for the call).
    std::function<void(const ClientHistory&)> each_history;
    const Catalog* catalog = nullptr;
};

// Every flag for the clinic (or one client) as of the query's instant,
// sorted by level (refer first), then most recent first, handed to `visit`
// one at a time. Reads the reports one client at a time and sorts the flags
// in bounded runs, so memory stays flat however many rows or flags there
// are.
void each_flag(Clinic& clinic, const FlagQuery& query,
               const std::function<void(const Flag&)>& visit);

// each_flag's flags in a vector: for one client, or a few.
std::vector<Flag> compute_flags(Clinic& clinic, const FlagQuery& query);

// A review as stored: the flag it is about (rule, client, evidence key) and
// what was done.
struct StoredReview {
    std::int64_t id = 0;
    std::string rule;
    std::int64_t client_id = 0;
    std::string evidence_key;
    Review review;
};

// How flag reviews are written (store/row_insert.hpp).
template <> struct RowTable<StoredReview> {
    static const char* const insert_sql;
    static void bind(SQLite::Statement& insert, const StoredReview& row);
};

// Records a review of the flag that `rule`, `client_id` and `evidence_key`
// name, audited. Throws InputError when no such flag stands now.
void review_flag(Clinic& clinic, const std::string& rule, std::int64_t client_id,
                 const std::string& evidence_key, ReviewAction action,
                 const std::optional<std::string>& note);

} // namespace massagelog
