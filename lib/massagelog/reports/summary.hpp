#pragma once
// The client's follow-up report and the clinic's report, as text or as one
// self-contained HTML file (inline CSS and SVG, no script, no network).

#include "massagelog/reports/disproportionality.hpp"
#include "massagelog/rules/flags.hpp"
#include "massagelog/records/followups.hpp"
#include "massagelog/rules/history.hpp"
#include "massagelog/records/people.hpp"
#include "massagelog/records/sessions.hpp"

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace massagelog {

class Clinic;

enum class ReportFormat { text, html };

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
};

// Everything the client's report shows, as of `as_of` (now when empty).
// Throws InputError for an unknown client.
ClientSummary client_summary(Clinic& clinic, std::int64_t client_id,
                             std::optional<Instant> as_of);

// Aftercare advice from the seed articles, each with its source.
struct Advice {
    std::string_view text;
    std::string_view source;
};
const std::vector<Advice>& aftercare_advice();

void render_client_summary(const ClientSummary& summary, const ClinicClock& clock,
                           ReportFormat format, std::ostream& out);

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

// Sessions not voided that started in [from, to), and the reactions after
// them, grouped three ways. One pass over the period's sessions.
ClinicSummary clinic_summary(Clinic& clinic, std::optional<Instant> from,
                             std::optional<Instant> to);

void render_clinic_summary(const ClinicSummary& summary, const ClinicClock& clock,
                           ReportFormat format, std::ostream& out);

} // namespace massagelog
