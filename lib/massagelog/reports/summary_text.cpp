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

void group_table(std::ostream& out, std::string_view title, const std::vector<GroupRow>& rows)
{
    heading(out, title);
    std::size_t width = 5;
    for (const auto& r : rows)
        width = std::max(width, r.group.size());
    out << fmt::format("{:<{}}  {:>8}  {:>7}  {:>6}  {:>6}  {:>15}  {:>6}  {:>4}  {}\n", "group",
                       width, "sessions", "reacted", "rate", "PRR", "95% CI", "chi2", "n", "hint");
    for (const auto& r : rows) {
        const auto& f = r.figures;
        std::string ci = f.ci_low ? fmt::format("{:.2f}-{:.2f}", *f.ci_low, *f.ci_high) : "-";
        std::string line = fmt::format("{:<{}}  {:>8}  {:>7}  {:>5.1f}%  {:>6}  {:>15}  {:>6.2f}  {:>4}  {}",
                           r.group, width, r.sessions, r.reacted,
                           reaction_rate(r.reacted, r.sessions),
                           figure(f.prr) + (f.corrected ? "†" : ""), ci, f.chi_square, f.n,
                           f.hint ? "HINT" : "");
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
    out << "\nPRR: the group's reaction rate over the rate of all other sessions, with its 95%\n"
           "confidence interval; chi2: Yates-corrected chi-square; n: the group's sessions with\n"
           "a reaction. HINT marks PRR >= 2 with chi2 >= 4 and n >= 3: a reason to look\n"
           "closer, not a verdict; a clinic's counts are small. † : a count was zero, so 0.5\n"
           "was added to every cell. See docs/reports.md.\n";
}

} // namespace summary_parts

} // namespace massagelog
