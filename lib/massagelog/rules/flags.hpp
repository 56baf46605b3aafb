#pragma once
// Flags: explained, sourced warnings computed from a client's sessions and
// reported reactions. They are never stored; reviews attach to them by rule,
// client and evidence key.

#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace massagelog {

class Catalog;
class Clinic;
struct ClientHistory;

enum class Level { info, watch, refer };

template <> struct EnumNames<Level> {
    static constexpr std::string_view noun = "level";
    static constexpr std::array<std::pair<Level, std::string_view>, 3> list{
        {{Level::info, "info"}, {Level::watch, "watch"}, {Level::refer, "refer"}}};
};

enum class ReviewAction { acknowledged, referred, dismissed };

template <> struct EnumNames<ReviewAction> {
    static constexpr std::string_view noun = "review action";
    static constexpr std::array<std::pair<ReviewAction, std::string_view>, 3> list{
        {{ReviewAction::acknowledged, "acknowledged"},
         {ReviewAction::referred, "referred"},
         {ReviewAction::dismissed, "dismissed"}}};
};

struct Review {
    Instant at{};
    std::string by;
    ReviewAction action = ReviewAction::acknowledged;
    std::optional<std::string> note;
};

struct Flag {
    std::string rule;  // "persistent", "weakness", ...
    Level level = Level::info;
    std::int64_t client_id = 0;
    std::string client_name;
    // Stable name of what fired it, for reviews: "s12:calf:left" (an
    // episode), "open:s8:calf:left+s8:forearm:right", "sessions:3,9,14".
    std::string evidence_key;
    std::vector<std::int64_t> report_ids;
    std::vector<std::int64_t> session_ids;
    std::string evidence; // the figures that fired it
    std::string_view guidance; // what staff should do (static text of the rule)
    std::string_view source;   // where the rule comes from (static text of the rule)
    Instant at{};         // the latest report or session behind it: recency
    std::optional<Review> review;
};

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

// Records a review of the flag that `rule`, `client_id` and `evidence_key`
// name, audited. Throws InputError when no such flag stands now.
void review_flag(Clinic& clinic, const std::string& rule, std::int64_t client_id,
                 const std::string& evidence_key, ReviewAction action,
                 const std::optional<std::string>& note);

} // namespace massagelog
