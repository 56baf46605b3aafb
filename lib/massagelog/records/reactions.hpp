#pragma once
// Reaction reports: what a client says happened after a session.

#include "massagelog/records/sessions.hpp"
#include "massagelog/core/reaction.hpp"
#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace massagelog {

class Clinic;

// A report as it is entered: the reaction, and where and how it was told.
struct ReportInput : Reaction {
    std::int64_t session_id = 0;
    std::optional<Instant> reported_at; // now when empty
    RegionSpec region;                  // region and side only
    ReportSource source = ReportSource::other;
    std::optional<std::string> notes;
};

// A stored report, as lists and shows read it.
struct Report : Reaction {
    std::int64_t id = 0;
    std::int64_t session_id = 0;
    std::int64_t client_id = 0;
    std::string client_name;
    Instant session_started_at{};
    Instant reported_at{};
    std::string region;
    Side side = Side::midline;
    ReportSource source = ReportSource::other;
    std::optional<std::string> notes;
    std::string created_by;
};

// Adds a report (validated, audited, one transaction); returns its id.
// Throws InputError naming the flag: an unknown or voided session, an onset
// before the session or after the report, a resolution before the onset, a
// reaction both still present and resolved, severity outside 1-10, bad text.
std::int64_t add_report(Clinic& clinic, const ReportInput& input);

// Checks and inserts reports with statements prepared once (see
// SessionWriter). Use inside a write transaction.
class ReportWriter {
public:
    explicit ReportWriter(Clinic& clinic);
    ~ReportWriter();
    ReportWriter(const ReportWriter&) = delete;
    ReportWriter& operator=(const ReportWriter&) = delete;

    // Validates `input` by the rules of the command line (a voided session
    // is refused for a new entry only); throws InputError naming fields with
    // `label`. Returns the session's client.
    std::int64_t check(const ReportInput& input, EntryKind kind, const FieldLabel& label);
    // Inserts the report last checked; returns its id.
    std::int64_t insert(const ReportInput& input, const RecordMeta& meta);
    bool exists(std::int64_t id);

private:
    struct State;
    std::unique_ptr<State> m;
};

struct ReportFilter {
    std::optional<std::int64_t> client_id;
    // Only the reports of the current bout of episodes (session, region,
    // side) that are open now: not closed by a report that says the
    // reaction is gone or gives resolved_at, or come back since.
    bool open_only = false;
};

// Reports of sessions that are not voided, oldest onset first, streamed.
void each_report(Clinic& clinic, const ReportFilter& filter,
                 const std::function<void(const Report&)>& visit);

} // namespace massagelog
