#pragma once
// Pieces of wording the text and HTML reports share, so both say the same.

#include "massagelog/reports/summary_model.hpp"

#include <array>
#include <string>
#include <vector>

namespace massagelog {
struct Referral;
}

namespace massagelog::summary_parts {

// "twitch in the shoulder (left)"
std::string episode_title(const Episode& e);
// "open for 3 d 5 h" or "resolved 2026-11-19 10:00, 1 d 5 h after onset"
std::string bout_status(const Bout& b, Instant as_of, const ClinicClock& clock);
// The episode's status: its one bout's, or "came back: bout 2 open for ...".
std::string episode_status(const Episode& e, Instant as_of, const ClinicClock& clock);
// One line per bout when the reaction came back ("bout 1: onset ...;
// resolved ..."), none when it had one bout.
std::vector<std::string> bout_lines(const Episode& e, Instant as_of, const ClinicClock& clock);
// "3 → 6 → 5"
std::string severity_trend(const Episode& e);
// "weakness yes, pain no; not recorded: fatigue, numbness"
std::string symptoms_text(const ReportFacts& r);
// "severity 4, frequent, still present"
std::string report_state(const ReportFacts& r);
// "2026-11-17 11:00, deep-tissue, pressure 4 (deep), 60 min, with Rosa Larsen"
std::string session_line(const Session& s, const ClinicClock& clock);
// "neck midline p3, shoulder left p4 focal"
std::string regions_text(const Session& s);
// The share of `sessions` that `reacted`, in percent (0 when there are none).
double reaction_rate(long long reacted, long long sessions);
// Days from the session's start to `t`, as a fraction.
double days_after(Instant session_start, Instant t);

// "2026-11-01 00:00" .. "now": the period a clinic summary covers.
struct Period {
    std::string from, to;
};
Period period_of(const ClinicSummary& s, const ClinicClock& clock);

// The clinic summary's group tables, in the order they are shown.
struct GroupTable {
    std::string_view title;
    const std::vector<GroupRow>* rows;
};
std::array<GroupTable, 3> group_tables(const ClinicSummary& s);

void render_text(const ClientSummary& s, const ClinicClock& clock, std::ostream& out);
void render_html(const ClientSummary& s, const ClinicClock& clock, std::ostream& out);
// One section of the client's HTML (render_client_section).
void render_section(const ClientSummary& s, const ClinicClock& clock, SummarySection section,
                    std::ostream& out);
// The referral letter (referral.hpp), from the same sections.
void render_referral(const Referral& r, const ClinicClock& clock, std::ostream& out);
void render_text(const ClinicSummary& s, const ClinicClock& clock, std::ostream& out);
void render_html(const ClinicSummary& s, const ClinicClock& clock, std::ostream& out);

} // namespace massagelog::summary_parts
