// The HTML form of the client and clinic reports: one self-contained,
// XHTML-compatible file (it parses as XML) with inline CSS and inline SVG
// charts, no script and nothing fetched from the network; prints on A4 and
// Letter.

#include "massagelog/reports/referral.hpp"
#include "massagelog/reports/summary_model.hpp"
#include "massagelog/reports/summary_parts.hpp"
#include "massagelog/core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace massagelog::summary_parts {

namespace {

std::string esc(std::string_view text)
{
    std::string shown = visible(text);
    text = shown;
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// Text may hold line breaks (notes): keep them visible.
std::string esc_lines(std::string_view text)
{
    std::string out;
    std::size_t start = 0;
    while (true) {
        auto nl = text.find('\n', start);
        out += esc(text.substr(start, nl == text.npos ? text.npos : nl - start));
        if (nl == text.npos)
            break;
        out += "<br/>";
        start = nl + 1;
    }
    return out;
}

constexpr const char* k_style = R"css(
@page { margin: 14mm; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt;
       color: #1a1a1a; max-width: 180mm; margin: 0 auto; line-height: 1.4; }
h1 { font-size: 16pt; margin: 0 0 2mm 0; }
h2 { font-size: 12.5pt; border-bottom: 1px solid #999; margin: 6mm 0 2mm 0; }
h3 { font-size: 11pt; margin: 4mm 0 1mm 0; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm 0; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; }
.meta td { border: none; padding: 0 3mm 0 0; }
.flag { border-left: 4px solid #999; padding: 1mm 3mm; margin: 2mm 0; page-break-inside: avoid; }
.flag.refer { border-color: #b00020; }
.flag.watch { border-color: #c77700; }
.level { font-weight: bold; text-transform: uppercase; }
.refer .level { color: #b00020; }
.watch .level { color: #8a5300; }
.episode { page-break-inside: avoid; }
.muted { color: #555; }
.hint { font-weight: bold; color: #b00020; }
svg { display: block; margin: 1mm 0 3mm 0; max-width: 100%; height: auto; }
@media print { a { color: inherit; text-decoration: none; } }
)css";

// A letter prints on A4 with its page numbers (CSS paged media, as
// WeasyPrint reads it; a browser leaves the margin boxes out).
constexpr const char* k_letter_style = R"css(
@page { size: A4; margin: 16mm 14mm 20mm 14mm;
        @bottom-center { content: "page " counter(page) " of " counter(pages);
                         font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.5pt;
                         color: #555; } }
.letter p { margin: 1.5mm 0; }
)css";

void open_document(std::ostream& out, std::string_view title, std::string_view more_style = {})
{
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
           "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
           "<meta charset=\"UTF-8\"/>\n<title>"
        << esc(title) << "</title>\n<style type=\"text/css\">" << k_style << more_style
        << "</style>\n</head>\n<body>\n";
}

void close_document(std::ostream& out)
{
    out << "</body>\n</html>\n";
}

// Severity (0-10) by day since the session, one point per report.
void severity_chart(std::ostream& out, const Episode& e)
{
    constexpr double width = 420, height = 150, left = 34, right = 10, top = 10, bottom = 28;
    double last_day = 0;
    for (const auto& r : e.reports)
        last_day = std::max(last_day, days_after(e.session_started, r.reported_at));
    double span = std::max(3.0, std::ceil(last_day));
    auto x = [&](double day) { return left + (width - left - right) * day / span; };
    auto y = [&](double sev) { return top + (height - top - bottom) * (10.0 - sev) / 10.0; };

    out << fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
                       "viewBox=\"0 0 {0} {1}\" role=\"img\">\n",
                       width, height);
    out << "<title>" << esc(episode_title(e)) << ": severity by day since the session</title>\n";
    for (int sev : {0, 5, 10}) {
        out << fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                           "stroke=\"#ccc\" stroke-width=\"1\"/>\n",
                           left, y(sev), width - right, y(sev));
        out << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" text-anchor=\"end\" "
                           "fill=\"#555\">{}</text>\n",
                           left - 4, y(sev) + 3, sev);
    }
    int step = span <= 14 ? 1 : span <= 60 ? 7 : 30;
    for (int d = 0; d <= static_cast<int>(span); d += step)
        out << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" "
                           "text-anchor=\"middle\" fill=\"#555\">{}</text>\n",
                           x(d), height - bottom + 12, d);
    out << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" text-anchor=\"middle\" "
                       "fill=\"#555\">days since the session</text>\n",
                       left + (width - left - right) / 2, height - 4);
    out << fmt::format("<text x=\"10\" y=\"{:.1f}\" font-size=\"9\" fill=\"#555\" "
                       "transform=\"rotate(-90 10 {:.1f})\" text-anchor=\"middle\">severity</text>\n",
                       top + (height - top - bottom) / 2, top + (height - top - bottom) / 2);
    std::string points;
    for (const auto& r : e.reports)
        points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ",
                              x(days_after(e.session_started, r.reported_at)), y(r.severity));
    out << "<polyline points=\"" << points
        << "\" fill=\"none\" stroke=\"#1f4e9a\" stroke-width=\"2\"/>\n";
    for (const auto& r : e.reports)
        out << fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"#1f4e9a\"/>\n",
                           x(days_after(e.session_started, r.reported_at)), y(r.severity));
    out << "</svg>\n";
}

std::string figure(const std::optional<double>& v)
{
    return v ? fmt::format("{:.2f}", *v) : "–";
}

void group_table(std::ostream& out, std::string_view title, const std::vector<GroupRow>& rows)
{
    out << "<h2>" << esc(title) << "</h2>\n<table tabindex=\"0\">\n<tr><th>group</th><th>sessions</th>"
        << "<th>reacted</th><th>rate</th><th>PRR</th><th>95% CI</th><th>chi²</th><th>n</th>"
        << "<th>hint</th></tr>\n";
    for (const auto& r : rows) {
        const auto& f = r.figures;
        out << fmt::format(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
            "class=\"num\">{:.1f}%</td><td class=\"num\">{}{}</td><td class=\"num\">{}</td><td "
            "class=\"num\">{:.2f}</td><td class=\"num\">{}</td><td class=\"hint\">{}</td></tr>\n",
            esc(r.group), r.sessions, r.reacted,
            reaction_rate(r.reacted, r.sessions),
            figure(f.prr), f.corrected ? "†" : "",
            f.ci_low ? fmt::format("{:.2f}–{:.2f}", *f.ci_low, *f.ci_high) : "–", f.chi_square,
            f.n, f.hint ? "hint" : "");
    }
    out << "</table>\n";
}

// The client report's parts, each an <h2> section.
void health_section(const ClientSummary& s, const ClinicClock& clock, std::ostream& out)
{
    out << "<h2>Health history</h2>\n";
    if (s.health.entries.empty()) {
        out << "<p>None recorded: every question is not asked.</p>\n";
    } else {
        out << "<table class=\"health\" tabindex=\"0\">\n";
        for (const HealthLine& line : health_lines(s.health))
            out << "<tr><td>" << esc(line.question) << "</td><td"
                << (line.from ? "" : " class=\"muted\"") << ">" << esc(line.answer)
                << (line.from ? " (" + esc(clock.local_date(line.from->recorded_at)) + ")" : "")
                << "</td></tr>\n";
        out << "</table>\n";
    }
}

void flags_section(const ClientSummary& s, const ClinicClock& clock, std::ostream& out)
{
    out << "<h2>Flags</h2>\n";
    if (s.flags.empty())
        out << "<p>None.</p>\n";
    for (const Flag& f : s.flags) {
        std::string level(to_string(f.level));
        out << "<div class=\"flag " << level << "\">\n<p><span class=\"level\">" << level
            << "</span> · " << esc(f.rule) << ": " << esc(f.evidence) << "</p>\n";
        out << "<p><strong>What to do:</strong> " << esc(f.guidance) << "</p>\n";
        out << "<p class=\"muted\">Source: " << esc(f.source) << "</p>\n";
        if (f.review)
            out << "<p>Reviewed: " << esc(describe_review(*f.review, clock)) << "</p>\n";
        for (auto r = f.earlier_reviews.rbegin(); r != f.earlier_reviews.rend(); ++r)
            out << "<p class=\"muted\">Before: " << esc(describe_review(*r, clock)) << "</p>\n";
        out << "</div>\n";
    }
}

void reactions_section(const ClientSummary& s, const ClinicClock& clock, std::ostream& out)
{
    out << "<h2>Reactions</h2>\n";
    if (s.history.episodes.empty())
        out << "<p>None reported.</p>\n";
    for (const Episode& e : s.history.episodes) {
        out << "<div class=\"episode\">\n<h3>" << esc(episode_title(e)) << " after session #"
            << e.session_id << " (" << esc(clock.local_date(e.session_started)) << ")</h3>\n";
        out << "<p>Onset " << esc(clock.local_minutes(e.onset())) << "; "
            << esc(episode_status(e, s.as_of, clock)) << "; severity " << esc(severity_trend(e))
            << ".</p>\n";
        if (auto lines = bout_lines(e, s.as_of, clock); !lines.empty()) {
            out << "<ul class=\"bouts\">\n";
            for (const std::string& line : lines)
                out << "<li>" << esc(line) << "</li>\n";
            out << "</ul>\n";
        }
        severity_chart(out, e);
        out << "<table tabindex=\"0\">\n<tr><th>reported</th><th>report</th><th>state</th><th>symptoms</th></tr>\n";
        for (const ReportFacts& r : e.reports)
            out << "<tr><td>" << esc(clock.local_minutes(r.reported_at)) << "</td><td>#" << r.id
                << "</td><td>" << esc(report_state(r)) << "</td><td>" << esc(symptoms_text(r))
                << "</td></tr>\n";
        out << "</table>\n</div>\n";
    }
}

void sessions_section(const ClientSummary& s, const ClinicClock& clock, std::ostream& out)
{
    out << "<h2>Sessions</h2>\n";
    if (s.sessions.empty())
        out << "<p>None.</p>\n";
    else {
        out << "<table tabindex=\"0\">\n<tr><th>#</th><th>session</th><th>regions</th><th>notes</th></tr>\n";
        for (const Session& x : s.sessions) {
            out << "<tr><td>" << x.id << "</td><td>" << esc(session_line(x, clock));
            if (x.voided_at)
                out << "<br/><strong>Voided</strong> " << esc(clock.local_minutes(*x.voided_at))
                    << ": " << esc(*x.void_reason);
            out << "</td><td>" << esc(regions_text(x)) << "</td><td>"
                << (x.notes ? esc_lines(*x.notes) : "") << "</td></tr>\n";
        }
        out << "</table>\n";
    }

}

void calls_section(const ClientSummary& s, const ClinicClock& clock, std::ostream& out)
{
    out << "<h2>Follow-up calls</h2>\n";
    if (s.followups.empty())
        out << "<p>None yet.</p>\n";
    else {
        out << "<table tabindex=\"0\">\n<tr><th>when</th><th>session</th><th>outcome</th><th>by</th><th>notes</th></tr>\n";
        for (const Followup& f : s.followups)
            out << "<tr><td>" << esc(clock.local_minutes(f.contacted_at)) << "</td><td>#"
                << f.session_id << "</td><td>" << esc(std::string(to_string(f.outcome)))
                << "</td><td>" << esc(f.by) << "</td><td>" << (f.notes ? esc_lines(*f.notes) : "")
                << "</td></tr>\n";
        out << "</table>\n";
    }

}

void aftercare_section(std::ostream& out)
{
    out << "<h2>Aftercare</h2>\n<ul>\n";
    for (const Aftercare& a : aftercare_advice())
        out << "<li>" << esc(a.text) << " <span class=\"muted\">[" << esc(a.source)
            << "]</span></li>\n";
    out << "</ul>\n";
}

} // namespace

void render_html(const ClientSummary& s, const ClinicClock& clock, std::ostream& out)
{
    const Client& c = s.client;
    open_document(out, "Follow-up report: " + c.name);
    out << "<h1>Follow-up report: " << esc(c.name) << "</h1>\n<table class=\"meta\" tabindex=\"0\">\n";
    out << "<tr><td>Client</td><td>" << c.id << "</td></tr>\n";
    if (c.phone)
        out << "<tr><td>Phone</td><td>" << esc(*c.phone) << "</td></tr>\n";
    if (c.birth_date)
        out << "<tr><td>Born</td><td>" << esc(*c.birth_date) << "</td></tr>\n";
    out << "<tr><td>As of</td><td>" << esc(clock.local_minutes(s.as_of)) << ' '
        << esc(clock.zone_name()) << "</td></tr>\n</table>\n";

    health_section(s, clock, out);
    flags_section(s, clock, out);
    reactions_section(s, clock, out);
    sessions_section(s, clock, out);
    calls_section(s, clock, out);
    aftercare_section(out);
    close_document(out);
}

void render_referral(const Referral& r, const ClinicClock& clock, std::ostream& out)
{
    const ClientSummary& s = r.record;
    const Client& c = s.client;
    open_document(out, "Referral: " + c.name, k_letter_style);
    out << "<div class=\"letter\">\n<h1>Referral to a physician: " << esc(c.name) << "</h1>\n"
        << "<table class=\"meta\" tabindex=\"0\">\n<tr><td>To</td><td>"
        << esc(r.to.value_or("the client's physician")) << "</td></tr>\n<tr><td>From</td><td>";
    for (std::size_t i = 0; i < r.therapists.size(); ++i)
        out << (i ? ", " : "") << esc(r.therapists[i]);
    out << (r.therapists.empty() ? "" : ", ") << (r.clinic.empty() ? "massage therapy" : esc(r.clinic))
        << "</td></tr>\n<tr><td>Date</td><td>"
        << esc(clock.local_minutes(s.as_of)) << ' ' << esc(clock.zone_name())
        << "</td></tr>\n<tr><td>Client</td><td>" << esc(c.name);
    if (c.birth_date)
        out << ", born " << esc(*c.birth_date);
    if (c.phone)
        out << ", phone " << esc(*c.phone);
    out << " (client " << c.id << ")</td></tr>\n</table>\n";
    out << "<p>We ask you to see " << esc(c.name) << " about the reactions below, which followed "
        << "massage therapy at our clinic. Each reason names what our records show, the guidance "
           "our staff follow and where it comes from. The sessions and reactions listed are those "
           "from "
        << esc(r.lookback_from) << " on.</p>\n";

    out << "<h2>Reasons for referral</h2>\n";
    for (const Flag& f : s.flags) {
        out << "<div class=\"flag " << to_string(f.level) << "\">\n<p><span class=\"level\">"
            << to_string(f.level) << "</span> · " << esc(f.rule) << ": " << esc(f.evidence)
            << "</p>\n<p><strong>Our guidance:</strong> " << esc(f.guidance)
            << "</p>\n<p class=\"muted\">Source: " << esc(f.source) << "</p>\n";
        if (f.review)
            out << "<p>Reviewed: " << esc(describe_review(*f.review, clock)) << "</p>\n";
        out << "</div>\n";
    }
    out << "<h2>What the clinic has paused</h2>\n";
    if (r.paused.empty())
        out << "<p>No one area: the reasons concern the client as a whole.</p>\n";
    else {
        out << "<p>No massage work on these areas until a physician clears it:</p>\n<ul>\n";
        for (const std::string& area : r.paused)
            out << "<li>" << esc(area) << "</li>\n";
        out << "</ul>\n";
    }
    sessions_section(s, clock, out);
    reactions_section(s, clock, out);
    health_section(s, clock, out);
    out << "<p class=\"muted\">From the clinic's massagelog records as of "
        << esc(clock.local_minutes(s.as_of)) << ". Please tell us when the client may be worked "
           "on again, and on which areas.</p>\n</div>\n";
    close_document(out);
}

void render_section(const ClientSummary& s, const ClinicClock& clock, SummarySection section,
                    std::ostream& out)
{
    switch (section) {
    case SummarySection::flags: return flags_section(s, clock, out);
    case SummarySection::reactions: return reactions_section(s, clock, out);
    case SummarySection::calls: return calls_section(s, clock, out);
    case SummarySection::aftercare: return aftercare_section(out);
    }
}

void render_html(const ClinicSummary& s, const ClinicClock& clock, std::ostream& out)
{
    open_document(out, "Clinic report");
    Period period = period_of(s, clock);
    out << "<h1>Clinic report</h1>\n<table class=\"meta\" tabindex=\"0\">\n<tr><td>Period</td><td>"
        << esc(period.from) << " to " << esc(period.to) << ' ' << esc(clock.zone_name())
        << "</td></tr>\n";
    out << fmt::format("<tr><td>Sessions</td><td>{} for {} clients (voided sessions left "
                       "out)</td></tr>\n",
                       s.sessions, s.clients);
    out << fmt::format("<tr><td>Reactions</td><td>{} sessions followed by a reaction ({:.1f}%), "
                       "{} reports</td></tr>\n</table>\n",
                       s.reacted, reaction_rate(s.reacted, s.sessions), s.reports);
    for (const GroupTable& t : group_tables(s))
        group_table(out, t.title, *t.rows);
    out << "<p class=\"muted\">PRR: the group's reaction rate over the rate of all other "
           "sessions, with its 95% confidence interval; chi²: Yates-corrected chi-square; n: the "
           "group's sessions with a reaction. A hint marks PRR ≥ 2 with chi² ≥ 4 and n ≥ 3: a "
           "reason to look closer, not a verdict; a clinic's counts are small. †: a count was "
           "zero, so 0.5 was added to every cell.</p>\n";
    close_document(out);
}

} // namespace massagelog::summary_parts
