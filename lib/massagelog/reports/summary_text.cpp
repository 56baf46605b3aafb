// The text form of the client and clinic reports.

#include "massagelog/reports/summary_model.hpp"
#include "massagelog/reports/summary_parts.hpp"
#include "massagelog/core/text.hpp"

#include <fmt/format.h>

namespace massagelog {

namespace {

using namespace summary_parts;

void heading(std::ostream& out, std::string_view title)
{
    out << '\n' << title << '\n' << std::string(title.size(), '-') << '\n';
}

std::string figure(const std::optional<double>& v)
{
    return v ? fmt::format("{:.2f}", *v) : "-";
}

// At most this many columns for a group's name, so that a table is at most
// 80 columns wide (a longer therapist's name is shortened with "…").
constexpr std::size_t k_group_columns = 21;

// `name` in exactly `columns` display columns: padded, or shortened.
std::string group_cell(std::string_view name, std::size_t columns)
{
    std::string shown = visible(name);
    if (display_width(shown) > columns)
        shown = std::string(fit_columns(shown, columns - 1)) + "…";
    return shown + std::string(columns - display_width(shown), ' ');
}

void group_table(std::ostream& out, std::string_view title, const std::vector<GroupRow>& rows)
{
    heading(out, title);
    std::size_t width = 5;
    for (const auto& r : rows)
        width = std::max(width, std::min(display_width(r.group), k_group_columns));
    out << fmt::format("{}  {:>8} {:>7} {:>6} {:>5} {:>10} {:>5} {:>4}  {}\n",
                       group_cell("group", width), "sessions", "reacted", "rate", "PRR", "95% CI",
                       "chi2", "n", "hint");
    for (const auto& r : rows) {
        const auto& f = r.figures;
        std::string ci = f.ci_low ? fmt::format("{:.2f}-{:.2f}", *f.ci_low, *f.ci_high) : "-";
        std::string line = fmt::format(
            "{}  {:>8} {:>7} {:>5.1f}% {:>5} {:>10} {:>5.2f} {:>4}  {}", group_cell(r.group, width),
            r.sessions, r.reacted, reaction_rate(r.reacted, r.sessions),
            figure(f.prr) + (f.corrected ? "†" : ""), ci, f.chi_square, f.n, f.hint ? "HINT" : "");
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out << line << '\n';
    }
}

} // namespace

namespace summary_parts {

void render_text(const ClientSummary& s, const ClinicClock& clock, std::ostream& out)
{
    const Client& c = s.client;
    out << "massagelog follow-up report\n\n";
    out << "Client:  " << c.name << " (client " << c.id << ")\n";
    if (c.phone)
        out << "Phone:   " << *c.phone << '\n';
    if (c.birth_date)
        out << "Born:    " << *c.birth_date << '\n';
    out << "As of:   " << clock.local_minutes(s.as_of) << ' ' << clock.zone_name() << '\n';
    if (c.archived_at)
        out << "Archived " << clock.local_minutes(*c.archived_at) << '\n';

    heading(out, "Health history");
    if (s.health.entries.empty())
        out << "none recorded: every question is not asked\n";
    else
        for (const HealthLine& line : health_lines(s.health))
            out << line.question << ": " << line.answer
                << (line.from ? " (" + clock.local_date(line.from->recorded_at) + ")" : "") << '\n';

    heading(out, "Sessions");
    if (s.sessions.empty())
        out << "none\n";
    for (const Session& x : s.sessions) {
        out << fmt::format("#{}  {}\n", x.id, session_line(x, clock));
        out << "      regions: " << regions_text(x) << '\n';
        if (x.voided_at)
            out << "      VOIDED " << clock.local_minutes(*x.voided_at) << ": " << *x.void_reason << '\n';
    }

    heading(out, "Reactions");
    if (s.history.episodes.empty())
        out << "none reported\n";
    for (const Episode& e : s.history.episodes) {
        out << fmt::format("{} after session #{} ({})\n", episode_title(e), e.session_id,
                           clock.local_date(e.session_started));
        out << "  onset     " << clock.local_minutes(e.onset()) << '\n';
        for (const ReportFacts& r : e.reports)
            out << fmt::format("  {}  report #{}: {}; {}\n", clock.local_minutes(r.reported_at),
                               r.id, report_state(r), symptoms_text(r));
        out << "  status    " << episode_status(e, s.as_of, clock) << '\n';
        for (const std::string& line : bout_lines(e, s.as_of, clock))
            out << "  " << line << '\n';
        out << "  severity  " << severity_trend(e) << '\n';
    }

    heading(out, "Flags");
    if (s.flags.empty())
        out << "none\n";
    for (const Flag& f : s.flags) {
        out << fmt::format("{} {}: {}\n", to_upper(to_string(f.level)), f.rule, f.evidence);
        out << "  What to do: " << f.guidance << '\n';
        out << "  Source:     " << f.source << '\n';
        if (f.review)
            out << "  Reviewed:   " << describe_review(*f.review, clock) << '\n';
        for (auto r = f.earlier_reviews.rbegin(); r != f.earlier_reviews.rend(); ++r)
            out << "  Before:     " << describe_review(*r, clock) << '\n';
    }

    heading(out, "Follow-up calls");
    if (s.followups.empty())
        out << "none yet\n";
    for (const Followup& f : s.followups)
        out << fmt::format("{}  session #{}  {} (by {}){}\n", clock.local_minutes(f.contacted_at),
                           f.session_id, to_string(f.outcome), f.by,
                           f.notes ? ": " + visible(*f.notes) : "");

    heading(out, "Aftercare");
    for (const Aftercare& a : aftercare_advice())
        out << "- " << a.text << " [" << a.source << "]\n";
}

void render_text(const ClinicSummary& s, const ClinicClock& clock, std::ostream& out)
{
    out << "massagelog clinic report\n\n";
    Period period = period_of(s, clock);
    out << "Period:   " << period.from << " to " << period.to << ' ' << clock.zone_name() << '\n';
    out << fmt::format("Sessions: {} for {} clients (voided sessions left out)\n", s.sessions,
                       s.clients);
    out << fmt::format("Followed by a reaction: {} sessions ({:.1f}%), {} reports\n", s.reacted,
                       reaction_rate(s.reacted, s.sessions), s.reports);
    for (const GroupTable& t : group_tables(s))
        group_table(out, t.title, *t.rows);
    out << "\nPRR: the group's reaction rate over the rate of all other sessions, with\n"
           "its 95% confidence interval; chi2: Yates-corrected chi-square; n: the\n"
           "group's sessions with a reaction. HINT marks PRR >= 2 with chi2 >= 4 and\n"
           "n >= 3: a reason to look closer, not a verdict; a clinic's counts are\n"
           "small. † : a count was zero, so 0.5 was added to every cell. See\n"
           "docs/reports.md.\n";
}

} // namespace summary_parts

} // namespace massagelog
