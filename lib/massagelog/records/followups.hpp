#pragma once
// Follow-up calls: the log of calls made to clients after their sessions.
// Which calls are due is reports/calls_due.hpp.

#include "massagelog/core/time.hpp"
#include "massagelog/store/row_table.hpp"
#include "massagelog/core/values.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace massagelog {

class Clinic;

struct FollowupInput {
    std::int64_t session_id = 0;
    FollowupOutcome outcome = FollowupOutcome::no_reaction;
    std::optional<Instant> contacted_at; // now when empty
    std::optional<std::string> notes;
};

// Logs a call (audited); returns its id. Throws InputError for an unknown
// or voided session, or a call before the session started or in the future.
std::int64_t log_followup(Clinic& clinic, const FollowupInput& input);

struct Followup {
    std::int64_t id = 0;
    std::int64_t session_id = 0;
    Instant contacted_at{};
    std::string by;
    FollowupOutcome outcome = FollowupOutcome::no_reaction;
    std::optional<std::string> notes;
};

// A client's calls, oldest first.
std::vector<Followup> client_followups(Clinic& clinic, std::int64_t client_id);

// How follow-up calls are written (store/row_insert.hpp).
template <> struct RowTable<Followup> {
    static const char* const insert_sql;
    static void bind(SQLite::Statement& insert, const Followup& row);
};

} // namespace massagelog
