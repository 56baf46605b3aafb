#pragma once
// Follow-up calls: the log of calls made to clients after their sessions.
// Which calls are due is reports/calls_due.hpp.

#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace massagelog {

class Clinic;
class RowInsert;

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

// The one INSERT of follow-up calls, that a new call, an import and the
// demo write through; rows are written as given (check them first). A row
// whose id is 0 gets the next id. Returns the row's id.
class FollowupInserts {
public:
    explicit FollowupInserts(Clinic& clinic);
    ~FollowupInserts();
    FollowupInserts(const FollowupInserts&) = delete;
    FollowupInserts& operator=(const FollowupInserts&) = delete;

    std::int64_t insert(const Followup& row);

private:
    std::unique_ptr<RowInsert> m_insert;
};

} // namespace massagelog
