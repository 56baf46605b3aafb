#include "massagelog/rules/rules.hpp"

#include "massagelog/rules/articles.hpp"

#include "massagelog/core/time.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>

namespace massagelog {

const std::vector<RuleSpec>& rule_table()
{
    // accompanied runs last: its watch level yields to a refer flag on the
    // same episode.
    static const std::vector<RuleSpec> table = {
        {"persistent", rules::persistent}, {"weakness", rules::weakness},
        {"worsening", rules::worsening},   {"trunk", rules::trunk},
        {"clot", rules::clot},             {"nerve", rules::nerve},           {"spread", rules::spread},
        {"recurrent", rules::recurrent},   {"accompanied", rules::accompanied},
    };
    return table;
}

Advice::Advice(std::string_view guidance, std::string_view source)
    : guidance(guidance), source(cite(source))
{
}

std::string describe_review(const Review& review, const ClinicClock& clock)
{
    return fmt::format("{} by {} on {}{}", to_string(review.action), review.by,
                       clock.local_minutes(review.at), review.note ? ": " + *review.note : "");
}

namespace rules {

Flag client_flag(const ClientHistory& history, std::string_view rule, Level level,
                 const Advice& advice, std::string evidence_key)
{
    Flag f;
    f.rule = std::string(rule);
    f.level = level;
    f.client_id = history.client_id;
    f.evidence_key = std::move(evidence_key);
    f.guidance = advice.guidance;
    f.source = advice.source;
    return f;
}

namespace {

void add_report(Flag& flag, const ReportFacts& r)
{
    bool first = flag.report_ids.empty();
    // A report on side both is in the left and the right episode.
    if (std::find(flag.report_ids.begin(), flag.report_ids.end(), r.id) != flag.report_ids.end())
        return;
    flag.report_ids.push_back(r.id);
    flag.at = first ? r.reported_at : std::max(flag.at, r.reported_at);
    flag.evidence_at = first ? r.known_at : std::max(flag.evidence_at, r.known_at);
}

} // namespace

void add_reports(Flag& flag, std::span<const ReportFacts> reports)
{
    for (const ReportFacts& r : reports)
        add_report(flag, r);
}

void add_reports(Flag& flag, const std::vector<const ReportFacts*>& reports)
{
    for (const ReportFacts* r : reports)
        add_report(flag, *r);
}

Flag bout_flag(const ClientHistory& history, const Episode& episode, const Bout& bout,
               std::string_view rule, Level level, const Advice& advice, std::string evidence)
{
    Flag f = client_flag(history, rule, level, advice, bout.key(episode.key()));
    f.session_ids = {episode.session_id};
    f.region = episode.region->name;
    f.side = episode.side;
    f.evidence = std::move(evidence);
    return f;
}

std::vector<const ReportFacts*> reports_with(std::span<const ReportFacts> reports,
                                             std::initializer_list<Symptom> which)
{
    std::vector<const ReportFacts*> out;
    for (const ReportFacts& r : reports)
        for (Symptom s : which)
            if (r.symptoms[s] == Tri::yes) {
                out.push_back(&r);
                break;
            }
    return out;
}

std::string where(const Episode& episode)
{
    return fmt::format("{} {}", episode.region->name, to_string(episode.side));
}

std::chrono::seconds clinic_elapsed(const ClinicClock& clock, Instant from, Instant to)
{
    return clock.wall_time(to) - clock.wall_time(from);
}

std::string presence_unconfirmed(const Bout& bout, const ClinicClock& clock)
{
    const ReportFacts* present = bout.last_said_present();
    if (!present)
        return "still present not recorded";
    if (present == &bout.reports.back())
        return "";
    return fmt::format("last said still present {}, not recorded since",
                       clock.local_minutes(present->reported_at));
}

std::string describe_duration(std::chrono::seconds d)
{
    using namespace std::chrono;
    bool negative = d < seconds{0};
    if (negative)
        d = -d;
    auto days = duration_cast<hours>(d).count() / 24;
    auto hrs = duration_cast<hours>(d).count() % 24;
    auto mins = duration_cast<minutes>(d).count() % 60;
    std::string out = fmt::format("{}{} d {} h", negative ? "-" : "", days, hrs);
    if (mins)
        out += fmt::format(" {} min", mins);
    return out;
}

std::string yes_symptoms(const ReportFacts& report, std::initializer_list<Symptom> which)
{
    std::string out;
    for (Symptom s : which) {
        if (report.symptoms[s] != Tri::yes)
            continue;
        out += (out.empty() ? "" : ", ") + symptom_label(static_cast<std::size_t>(s));
    }
    return out;
}

std::string yes_in_reports(const std::vector<const ReportFacts*>& reports,
                           const RuleContext& context, std::initializer_list<Symptom> which)
{
    std::string out;
    for (const ReportFacts* r : reports)
        out += fmt::format("{}{} yes in report {} ({})", out.empty() ? "" : "; ",
                           yes_symptoms(*r, which), r->id,
                           context.clock.local_minutes(r->reported_at));
    return out;
}

std::string conflict_note(const Bout& bout, const ClinicClock& clock)
{
    if (!bout.conflict || !bout.open())
        return "";
    return fmt::format("; reports {} and {} ({}) disagree on still present, so it is taken as "
                       "present",
                       std::min(bout.conflict->present_report, bout.conflict->gone_report),
                       std::max(bout.conflict->present_report, bout.conflict->gone_report),
                       clock.local_minutes(bout.conflict->reported_at));
}

Instant days_after(const ClinicClock& clock, Instant from, long long days)
{
    // The wall clock `days` later, back to an instant at that wall time's
    // offset (one correction settles it but for a time inside a DST gap).
    auto wall = clock.wall_time(from) + std::chrono::days{days};
    Instant guess = from + std::chrono::days{days};
    return guess + (wall - clock.wall_time(guess));
}

} // namespace rules

} // namespace massagelog
