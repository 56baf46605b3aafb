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
        {"nerve", rules::nerve},           {"spread", rules::spread},
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

void add_reports(Flag& flag, const Episode& episode)
{
    bool first = flag.report_ids.empty();
    for (const auto& r : episode.reports)
        flag.report_ids.push_back(r.id);
    flag.at = first ? episode.latest_report() : std::max(flag.at, episode.latest_report());
}

Flag episode_flag(const ClientHistory& history, const Episode& episode, std::string_view rule,
                  Level level, const Advice& advice, std::string evidence)
{
    Flag f = client_flag(history, rule, level, advice, episode.key());
    f.session_ids = {episode.session_id};
    add_reports(f, episode);
    f.evidence = std::move(evidence);
    return f;
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

std::string yes_in_reports(const Episode& episode, const RuleContext& context,
                           std::initializer_list<Symptom> which)
{
    std::string out;
    for (const ReportFacts& r : episode.reports)
        if (std::string yes = yes_symptoms(r, which); !yes.empty())
            out += fmt::format("{}{} yes in report {} ({})", out.empty() ? "" : "; ", yes, r.id,
                               context.clock.local_minutes(r.reported_at));
    return out;
}

} // namespace rules

} // namespace massagelog
