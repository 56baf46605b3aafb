#pragma once
// Follow-up calls: which clients to call today and why, and the log of
// calls made.

#include "massagelog/rules/flags.hpp"
#include "massagelog/core/time.hpp"
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

enum class DueReason {
    refer_flag,   // an unreviewed refer-level flag: advise a physician, then review it
    open_episode, // a reaction still open: check on it every followup.open_every_days
    check_in      // day N after a deep or firm session (followup.days)
};

struct DueCall {
    DueReason reason = DueReason::check_in;
    std::int64_t client_id = 0;
    std::string client_name;
    std::optional<std::string> phone;
    std::optional<std::int64_t> session_id; // the session to log the call against
    Instant due_at{};                       // when it fell due
    std::string why;                        // one line for staff
    std::string flag_rule, flag_key;        // refer_flag only
};

// The calls due as of `as_of`, refer flags first, then the most overdue.
// Sessions at pressure >= 4 or with a deep technique get a check-in on each
// of followup.days after the session day; a logged call on or after that day
// clears it (a "no-answer" call only until the next day), and a check-in
// not made drops off when the next one falls due or, for the last, after 7
// days. An open episode is due followup.open_every_days after the latest
// report or call about its session.
std::vector<DueCall> due_followups(Clinic& clinic, std::optional<Instant> as_of);

} // namespace massagelog
