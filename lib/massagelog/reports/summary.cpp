#include "massagelog/reports/summary.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/records/entry_checks.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/reports/summary_parts.hpp"
#include "massagelog/rules/articles.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <map>
#include <set>

namespace massagelog {

ReportFormat parse_report_format(std::string_view text, std::string_view field)
{
    if (text == "text")
        return ReportFormat::text;
    if (text == "html")
        return ReportFormat::html;
    throw InputError(fmt::format("{} {} is not a report format", field, quote_value(text)),
                     "use text or html").about(field);
}

const std::vector<Aftercare>& aftercare_advice()
{
    static const std::vector<Aftercare> advice = [] {
        std::vector<Aftercare> written = {
            {"Drink plenty of water before and after a massage; dehydration makes cramps and "
             "twitching more likely.",
             "000_477a1b020d41746b.txt, 001_a411700d9baee785.txt, 003_f45dc562454c53a3.txt"},
            {"Rest: avoid strenuous activity for at least 24 hours after the session.",
             "000_477a1b020d41746b.txt"},
            {"Gentle stretching of the area eases residual tension and twitching.",
             "000_477a1b020d41746b.txt, 001_a411700d9baee785.txt"},
            {"A warm (not hot) compress on the affected muscle helps it relax.",
             "002_48f8ebfdbd48d405.txt, 003_f45dc562454c53a3.txt"},
            {"Tell the therapist about any pain or discomfort during or after a massage.",
             "004_bc79bfd18413faca.txt, 001_a411700d9baee785.txt"},
            {"See a doctor if twitching persists or gets worse, comes with weakness or loss of "
             "control, with pain, fatigue or changes in vision, or if spasms occur in the chest or "
             "stomach.",
             "000_477a1b020d41746b.txt, 003_f45dc562454c53a3.txt; NHS"},
        };
        for (Aftercare& a : written)
            a.source = cite(a.source);
        return written;
    }();
    return advice;
}

ClientSummary client_summary(Clinic& clinic, std::int64_t client_id, std::optional<Instant> as_of)
{
    ClientSummary s;
    s.client = require_client(clinic, client_id, "client");
    s.as_of = as_of.value_or(clinic.clock().now());
    SessionFilter filter;
    filter.client_id = client_id;
    filter.to = s.as_of + std::chrono::seconds{1};
    each_session(clinic, filter, [&](const Session& x) { s.sessions.push_back(x); });
    s.catalog = std::make_shared<const Catalog>(clinic.db());
    FlagQuery q;
    q.client_id = client_id;
    q.as_of = s.as_of;
    q.catalog = s.catalog.get(); // the kept history points into it
    q.each_history = [&](const ClientHistory& h) { s.history = h; };
    s.flags = compute_flags(clinic, q);
    for (const Followup& f : client_followups(clinic, client_id))
        if (f.contacted_at <= s.as_of)
            s.followups.push_back(f);
    s.health = read_health(clinic, client_id, s.as_of);
    return s;
}

void render_client_section(const ClientSummary& summary, const ClinicClock& clock,
                           SummarySection section, std::ostream& out)
{
    summary_parts::render_section(summary, clock, section, out);
}

ClinicSummary clinic_summary(Clinic& clinic, std::optional<Instant> from, std::optional<Instant> to)
{
    if (from && to && *from > *to)
        throw InputError(fmt::format("{} {} is after {} (up to {})", clinic.label("from"),
                                     clinic.clock().local_minutes(*from), clinic.label("to"),
                                     clinic.clock().local_minutes(*to - std::chrono::minutes{1})),
                         "give the earlier time to " + clinic.label("from")).about(clinic.label("from"));
    ClinicSummary s;
    s.from = from;
    s.to = to;
    // Without --to the report runs until now (and the minutes ahead entry
    // accepts): a session stored with a later time, before entry refused
    // them, does not count yet.
    Instant until = to.value_or(FutureLimit(clinic).latest() + std::chrono::seconds{1});
    SQLite::Statement q(clinic.db(), fmt::format(R"sql(
SELECT k.name, s.pressure, t.name, s.client_id,
       (SELECT count(*) FROM reports r WHERE r.session_id = s.id)
  FROM sessions s
  JOIN techniques k ON k.id = s.technique_id
  JOIN therapists t ON t.id = s.therapist_id
 WHERE s.voided_at IS NULL {} AND s.started_at < :to)sql",
                                                 from ? "AND s.started_at >= :from" : ""));
    if (from)
        q.bind(":from", to_utc_text(*from));
    q.bind(":to", to_utc_text(until));

    struct Counts {
        long long sessions = 0, reacted = 0;
    };
    std::map<std::string, Counts> technique, pressure, therapist;
    std::set<std::int64_t> clients;
    while (q.executeStep()) {
        long long reports = q.getColumn(4).getInt64();
        bool reacted = reports > 0;
        ++s.sessions;
        s.reacted += reacted;
        s.reports += reports;
        clients.insert(q.getColumn(3).getInt64());
        for (auto [map, key] :
             {std::pair{&technique, q.getColumn(0).getString()},
              {&pressure, fmt::format("{} {}", q.getColumn(1).getInt(),
                                      pressure_name(q.getColumn(1).getInt()))},
              {&therapist, q.getColumn(2).getString()}}) {
            auto& c = (*map)[key];
            ++c.sessions;
            c.reacted += reacted;
        }
    }
    s.clients = static_cast<long long>(clients.size());
    auto rows = [&](const std::map<std::string, Counts>& groups) {
        std::vector<GroupRow> out;
        for (const auto& [name, c] : groups) {
            TwoByTwo t{c.reacted, c.sessions - c.reacted, s.reacted - c.reacted,
                       (s.sessions - c.sessions) - (s.reacted - c.reacted)};
            out.push_back({name, c.sessions, c.reacted, disproportionality(t)});
        }
        return out;
    };
    s.by_technique = rows(technique);
    s.by_pressure = rows(pressure);
    s.by_therapist = rows(therapist);
    return s;
}

namespace {

template <class Summary>
void render(const Summary& summary, const ClinicClock& clock, ReportFormat format,
            std::ostream& out)
{
    if (format == ReportFormat::html)
        summary_parts::render_html(summary, clock, out);
    else
        summary_parts::render_text(summary, clock, out);
}

} // namespace

void render_client_summary(const ClientSummary& summary, const ClinicClock& clock,
                           ReportFormat format, std::ostream& out)
{
    render(summary, clock, format, out);
}

void render_clinic_summary(const ClinicSummary& summary, const ClinicClock& clock,
                           ReportFormat format, std::ostream& out)
{
    render(summary, clock, format, out);
}

} // namespace massagelog
