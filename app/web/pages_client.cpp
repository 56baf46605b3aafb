// A client's page for the therapist and the owner: flags first, notes, the
// health history, reactions with their charts, sessions, calls and
// aftercare, the parts of the HTML report rendered as the page.

#include "web/care.hpp"
#include "web/site.hpp"

#include <massagelog/records/sessions.hpp>
#include <massagelog/reports/summary.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace massagelog::web {

void Site::client_page(Call& call, httplib::Response& res)
{
    const std::int64_t id = path_id(call);
    known_client(call.clinic, id);
    auto summary = client_summary(call.clinic, id, std::nullopt);
    const ClinicClock& clock = call.clinic.clock();
    const bool owner = call.viewer.role == Role::owner;
    std::string body;
    if (auto added = id_param(call.http, "session"))
        body += ok_banner(fmt::format("Session {} added. <a href=\"/reports/new?session={}\">Report a "
                                      "reaction after it</a>",
                                      *added, *added));
    if (auto voided = id_param(call.http, "voided"))
        body += ok_banner(fmt::format("Session {} voided; it stays on record and no longer counts.",
                                      *voided));
    if (param(call.http, "unarchived") == "1")
        body += ok_banner(escape(summary.client.name) + " is back on the lists.");
    if (param(call.http, "health") == "added")
        body += ok_banner("Health history entry added.");
    if (summary.client.archived_at)
        body += fmt::format("<p class=\"warn\">Archived {}.{}</p>",
                            clock.local_minutes(*summary.client.archived_at),
                            owner ? fmt::format(" <a href=\"/clients/{}/archive\">Bring back</a>", id)
                                  : std::string());
    body += fmt::format("<p><a href=\"/sessions/new?client={}\">New session for this client</a>{}</p>",
                        id,
                        owner && !summary.client.archived_at
                            ? fmt::format(" · <a href=\"/clients/{}/archive\">Archive this client</a>", id)
                            : std::string());
    auto section = [&](SummarySection which) {
        std::ostringstream out;
        render_client_section(summary, clock, which, out);
        return out.str();
    };
    body += section(SummarySection::flags);
    if (std::any_of(summary.flags.begin(), summary.flags.end(),
                    [](const Flag& f) { return f.level == Level::refer && !f.released(); }))
        body += fmt::format("<p><a href=\"/clients/{0}/referral.pdf\">Referral letter for a "
                            "physician (PDF)</a> · <a href=\"/clients/{0}/referral.html\">HTML</a> · <a "
                            "href=\"/clients/{0}/referral.json\">FHIR</a>: every refer flag not cleared or dismissed, the sessions and "
                            "reactions behind them and the health history</p>",
                            id);
    if (summary.client.notes)
        body += "<h2>Client notes</h2><p class=\"notes\">" + escape(*summary.client.notes) + "</p>";
    body += health_table_html(summary.health, id, clock) + section(SummarySection::reactions);
    std::string rows;
    for (auto it = summary.sessions.rbegin(); it != summary.sessions.rend(); ++it) {
        const Session& s = *it;
        std::string regions;
        for (const SessionRegion& r : s.regions)
            regions += (regions.empty() ? "" : ", ") + to_string(r);
        std::string next = s.voided_at ? "voided"
                                       : fmt::format("<a href=\"/reports/new?session={}\">report "
                                                     "a reaction</a>",
                                                     s.id);
        if (owner && !s.voided_at)
            next += fmt::format(" · <a href=\"/sessions/{}/void\">void</a>", s.id);
        rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{} at {}</td><td>{}</td><td>{}</td>"
                            "<td>{}</td></tr>",
                            s.id, clock.local_minutes(s.started_at), escape(s.technique),
                            s.pressure, escape(regions), escape(s.notes.value_or("")), next);
    }
    body += "<h2>Sessions</h2><table tabindex=\"0\"><tr><th>ID</th><th>Started</th>"
            "<th>Technique</th><th>Regions</th><th>Notes</th><th>Next step</th></tr>" +
            rows + "</table>";
    body += section(SummarySection::calls) + section(SummarySection::aftercare);
    send_page(res, 200, page(summary.client.name, &call.viewer, body));
}

} // namespace massagelog::web
