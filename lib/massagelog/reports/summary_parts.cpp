#include "massagelog/reports/summary_parts.hpp"

#include "massagelog/rules/rules.hpp"

#include <fmt/format.h>

namespace massagelog::summary_parts {

std::string episode_title(const Episode& e)
{
    return fmt::format("{} in the {} ({})", to_string(e.reports.front().kind), e.region->name,
                       to_string(e.side));
}

std::string bout_status(const Bout& b, Instant as_of, const ClinicClock& clock)
{
    if (b.closed_at) {
        std::string lasted =
            rules::describe_duration(rules::clinic_elapsed(clock, b.onset, *b.closed_at));
        // Without resolved_at, the report that said it was gone bounds it.
        if (!b.resolution_known)
            return fmt::format("gone by {}, at most {} after onset",
                               clock.local_minutes(*b.closed_at), lasted);
        return fmt::format("resolved {}, {} after onset", clock.local_minutes(*b.closed_at), lasted);
    }
    std::string unconfirmed = rules::presence_unconfirmed(b, clock);
    return fmt::format("open for {}{}{}",
                       rules::describe_duration(rules::clinic_elapsed(clock, b.onset, as_of)),
                       unconfirmed.empty() ? "" : " (" + unconfirmed + ")",
                       rules::conflict_note(b, clock));
}

std::string episode_status(const Episode& e, Instant as_of, const ClinicClock& clock)
{
    Bout current = e.current_bout();
    std::size_t n = current.number;
    std::string status = bout_status(current, as_of, clock);
    if (n == 1)
        return status;
    return fmt::format("came back {}; bout {} {}", n == 2 ? std::string("once") : fmt::format("{} times", n - 1),
                       n, status);
}

std::vector<std::string> bout_lines(const Episode& e, Instant as_of, const ClinicClock& clock)
{
    std::vector<std::string> out;
    auto bouts = e.bouts();
    if (bouts.size() < 2)
        return out;
    for (std::size_t i = 0; i < bouts.size(); ++i) {
        std::string reports;
        for (const auto& r : bouts[i].reports)
            reports += (reports.empty() ? "#" : ", #") + std::to_string(r.id);
        out.push_back(fmt::format("bout {}: onset {}, {} (report{} {})", i + 1,
                                  clock.local_minutes(bouts[i].onset),
                                  bout_status(bouts[i], as_of, clock),
                                  bouts[i].reports.size() == 1 ? "" : "s", reports));
    }
    return out;
}

std::string severity_trend(const Episode& e)
{
    std::string out;
    for (const auto& r : e.reports)
        out += (out.empty() ? "" : " → ") + std::to_string(r.severity);
    return out;
}

std::string symptoms_text(const ReportFacts& r)
{
    std::string answered, unknown;
    for (std::size_t i = 0; i < k_symptom_names.size(); ++i) {
        Tri t = r.symptoms.values[i];
        std::string name = symptom_label(i);
        if (t == Tri::unknown)
            unknown += (unknown.empty() ? "" : ", ") + name;
        else
            answered += fmt::format("{}{} {}", answered.empty() ? "" : ", ", name, to_string(t));
    }
    if (answered.empty())
        answered = "no symptoms recorded";
    return unknown.empty() ? answered : answered + "; not recorded: " + unknown;
}

std::string report_state(const ReportFacts& r)
{
    std::string out = fmt::format("severity {}", r.severity);
    if (r.frequency)
        out += fmt::format(", {}", to_string(*r.frequency));
    if (r.still_present == Tri::yes)
        out += ", still present";
    else if (r.still_present == Tri::no)
        out += ", gone";
    else
        out += ", still present: not recorded";
    return out;
}

std::string session_line(const Session& s, const ClinicClock& clock)
{
    return fmt::format("{}, {}, pressure {} ({}), {} min, with {}", clock.local_minutes(s.started_at),
                       s.technique, s.pressure, pressure_name(s.pressure), s.duration_min,
                       s.therapist_name);
}

std::string regions_text(const Session& s)
{
    std::string out;
    for (const auto& r : s.regions)
        out += fmt::format("{}{} {} p{}{}", out.empty() ? "" : ", ", r.region, to_string(r.side),
                           r.pressure, r.focal ? " focal" : "");
    return out.empty() ? "not recorded" : out;
}

double reaction_rate(long long reacted, long long sessions)
{
    return sessions ? 100.0 * static_cast<double>(reacted) / static_cast<double>(sessions) : 0.0;
}

double days_after(Instant session_start, Instant t)
{
    return std::chrono::duration<double>(t - session_start).count() / 86400.0;
}

Period period_of(const ClinicSummary& s, const ClinicClock& clock)
{
    return {s.from ? clock.local_minutes(*s.from) : std::string("the beginning"),
            s.to ? clock.local_minutes(*s.to) : std::string("now")};
}

std::array<GroupTable, 3> group_tables(const ClinicSummary& s)
{
    return {{{"By technique", &s.by_technique},
             {"By pressure", &s.by_pressure},
             {"By therapist", &s.by_therapist}}};
}

} // namespace massagelog::summary_parts
