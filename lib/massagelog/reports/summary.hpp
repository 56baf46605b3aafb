#pragma once
// The client's follow-up report and the clinic's report, as text or as one
// self-contained HTML file (inline CSS and SVG, no script, no network).

#include "massagelog/reports/summary_model.hpp"

#include <optional>
#include <ostream>

namespace massagelog {

class Clinic;

// Everything the client's report shows, as of `as_of` (now when empty).
// Throws InputError for an unknown client.
ClientSummary client_summary(Clinic& clinic, std::int64_t client_id,
                             std::optional<Instant> as_of);

void render_client_summary(const ClientSummary& summary, const ClinicClock& clock,
                           ReportFormat format, std::ostream& out);
// One part of the client's HTML report, as an <h2> section, for a page
// that shows the client's details, health history and sessions itself.
void render_client_section(const ClientSummary& summary, const ClinicClock& clock,
                           SummarySection section, std::ostream& out);

// Sessions not voided that started in [from, to), and the reactions after
// them, grouped three ways. One pass over the period's sessions.
ClinicSummary clinic_summary(Clinic& clinic, std::optional<Instant> from,
                             std::optional<Instant> to);

void render_clinic_summary(const ClinicSummary& summary, const ClinicClock& clock,
                           ReportFormat format, std::ostream& out);

} // namespace massagelog
