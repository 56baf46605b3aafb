#pragma once
// The calls due: which clients to call today and why, from the flags, the
// open reactions and the check-ins after deep or firm sessions.

#include "massagelog/core/time.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace massagelog {

class Clinic;
struct ClientHistory;
struct Flag;

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
    std::string why;                        // one line for staff (a refer flag: what to do with it)
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

// The calls due that one client's own records give as of one moment: what
// due_followups finds for each client, for a caller that keeps them per
// client (web/flag board) and so finds them again for one client alone.
class ClientCalls {
public:
    ClientCalls(Clinic& clinic, Instant as_of);
    ~ClientCalls();
    ClientCalls(const ClientCalls&) = delete;
    ClientCalls& operator=(const ClientCalls&) = delete;

    // The call an unreviewed refer flag asks for: advise a physician, then
    // review it.
    DueCall refer_flag(const Flag& f);
    // The calls `history`'s open episodes are due: every
    // followup.open_every_days after the last news of each.
    void open_episodes(const ClientHistory& history, std::vector<DueCall>& due);

private:
    struct Statements;
    Clinic& m_clinic;
    Instant m_as_of;
    long long m_open_every;
    std::unique_ptr<Statements> m_statements;
};

// The check-ins due as of `as_of` after deep or firm sessions: one
// client's, or every client's (in the order of the sessions).
std::vector<DueCall> check_ins_due(Clinic& clinic, Instant as_of,
                                   std::optional<std::int64_t> client);

// due_followups' order, for a stable sort: refer flags first, then the
// most overdue, then by client.
bool due_before(const DueCall& a, const DueCall& b);

// One phone call to make: every call due about one client and one session
// (two flags on one reaction are one call), its reasons in due_followups'
// order. Its due time is the earliest of theirs.
struct CallToMake {
    std::vector<DueCall> reasons; // never empty

    const DueCall& first() const { return reasons.front(); }
    Instant due_at() const;
};

// The calls of `due` (as due_followups orders them) grouped by client and
// session, in the order of each group's first reason: calls with a refer
// flag first, then the most overdue.
std::vector<CallToMake> calls_to_make(const std::vector<DueCall>& due);
// The same grouping over calls held elsewhere: each group's calls in order.
std::vector<std::vector<const DueCall*>> group_by_event(const std::vector<const DueCall*>& due);

} // namespace massagelog
