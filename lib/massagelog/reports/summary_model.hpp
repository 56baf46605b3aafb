#pragma once
// What the client's and the clinic's reports hold, apart from how they are
// gathered (summary) and written out (summary_text, summary_html).

#include "massagelog/reports/disproportionality.hpp"
#include "massagelog/rules/flags.hpp"
#include "massagelog/records/followups.hpp"
#include "massagelog/records/health.hpp"
#include "massagelog/rules/history.hpp"
#include "massagelog/records/people.hpp"
#include "massagelog/records/sessions.hpp"

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace massagelog {

enum class ReportFormat { text, html };

// The parts of the client's report a page may show one by one.
enum class SummarySection { flags, reactions, calls, aftercare };

// Parses "text" or "html"; throws InputError naming `field`.
ReportFormat parse_report_format(std::string_view text, std::string_view field);

struct ClientSummary {
    std::shared_ptr<const Catalog> catalog; // the regions the episodes point to
    Client client;
    Instant as_of{};
    std::vector<Session> sessions;
    ClientHistory history; // the reactions, episode by episode
    std::vector<Flag> flags;
    std::vector<Followup> followups;
    HealthStanding health; // the health history as recorded by as_of
};

// Aftercare advice from the seed articles, each with its sources by title.
struct Aftercare {
    std::string_view text;
    std::string source;
};
const std::vector<Aftercare>& aftercare_advice();

// One group's row: its sessions, how many were followed by a reaction, and
// how that compares with the rest of the clinic.
struct GroupRow {
    std::string group;
    long long sessions = 0;
    long long reacted = 0;
    Disproportionality figures;
};

struct ClinicSummary {
    std::optional<Instant> from, to;
    long long sessions = 0;
    long long reacted = 0;
    long long reports = 0;
    long long clients = 0;
    std::vector<GroupRow> by_technique, by_pressure, by_therapist;
};

} // namespace massagelog
