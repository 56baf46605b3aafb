// The pages that list: today, clients, flags with their
// review, calls due with their log, and the owner's CSV export.

#include "web/site.hpp"

#include "entries.hpp"

#include <massagelog/exchange/exchange.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/records/sessions.hpp>
#include <massagelog/reports/calls_due.hpp>
#include <massagelog/rules/flags.hpp>
#include <massagelog/store/output.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace massagelog::web {

namespace {

constexpr std::size_t k_per_page = 50; // flags or calls on one page

// Unreviewed refer flags first; otherwise each_flag's order (level, then
// the most recent).
void unreviewed_refer_first(std::vector<Flag>& flags)
{
    std::stable_partition(flags.begin(), flags.end(),
                          [](const Flag& f) { return f.unreviewed_refer(); });
}

std::string flag_html(const Flag& f, const ClinicClock& clock, const Viewer& viewer)
{
    std::string review;
    if (f.review)
        review = fmt::format("<p class=\"muted\">Reviewed: {}</p>",
                             escape(describe_review(*f.review, clock)));
    else if (!f.earlier_reviews.empty())
        review = "<p><strong>New evidence since the last review: to be reviewed again.</strong></p>";
    for (auto r = f.earlier_reviews.rbegin(); r != f.earlier_reviews.rend(); ++r)
        review += fmt::format("<p class=\"muted\">Before: {}</p>", escape(describe_review(*r, clock)));
    if (viewer.role == Role::owner)
        review += fmt::format(
            "<form method=\"post\" action=\"/flags/review\">{}"
            "<input type=\"hidden\" name=\"rule\" value=\"{}\">"
            "<input type=\"hidden\" name=\"client\" value=\"{}\">"
            "<input type=\"hidden\" name=\"evidence\" value=\"{}\">"
            "<label>Review <select name=\"action\" required><option value=\"\">choose an "
            "action</option><option value=\"referred\">referred to a physician</option><option value=\"acknowledged\">acknowledged</option><option "
            "value=\"cleared\">cleared by a physician</option><option "
            "value=\"dismissed\">dismissed</option></select></label>"
            "<label>Note (required to clear or dismiss: on whose word, or why) "
            "<input type=\"text\" name=\"note\"></label>"
            "<input type=\"submit\" value=\"Record review\"></form>",
            csrf_field(viewer), escape(f.rule), f.client_id, escape(f.evidence_key));
    if (f.level == Level::refer && !f.released() && viewer.role != Role::front_desk)
        review += fmt::format("<p><a href=\"/clients/{0}/referral.pdf?flag={1}\">Referral letter "
                              "for a physician (PDF)</a> · <a href=\"/clients/{0}/referral.html?"
                              "flag={1}\">HTML</a></p>",
                              f.client_id, query_value(f.rule + ":" + f.evidence_key));
    return fmt::format(
        "<section class=\"flag {0}\" data-rule=\"{1}\" data-client=\"{2}\">"
        "<span class=\"level\">{0}</span> {1} - "
        "<a href=\"/clients/{2}\">{3}</a> (client {2})<div>{4}</div>"
        "<p class=\"guidance\">{5}</p><p class=\"source\">Source: {6}</p>{7}</section>\n",
        to_string(f.level), escape(f.rule), f.client_id, escape(f.client_name), escape(f.evidence),
        escape(f.guidance), escape(f.source), review);
}

// Why a call is due, in words: what kind of call, then its one line.
std::string reason_html(const DueCall& c)
{
    const char* kind = c.reason == DueReason::refer_flag     ? "Refer flag not reviewed"
                       : c.reason == DueReason::open_episode ? "Reaction still open"
                                                             : "Check-in";
    return fmt::format("<li><strong>{}</strong>: {}</li>", kind, escape(c.why));
}

// One row per call to make: the client, the session it is about, every
// reason, and the form that logs it.
std::string call_html(const CallToMake& call, const ClinicClock& clock, const Viewer& viewer)
{
    const DueCall& c = call.first();
    std::string log;
    if (c.session_id)
        log = fmt::format(
            "<form method=\"post\" action=\"/followups\">{}"
            "<input type=\"hidden\" name=\"session\" value=\"{}\">"
            "<label>Outcome <select name=\"outcome\" required><option value=\"\">choose the "
            "outcome</option><option value=\"no-reaction\">no reaction</option><option value=\"reaction-reported\">reaction reported</option><option "
            "value=\"no-answer\">no answer</option></select></label> "
            "<label>Notes <input type=\"text\" name=\"notes\"></label> "
            "<input type=\"submit\" value=\"Log call\"></form>",
            csrf_field(viewer), *c.session_id);
    std::string reasons;
    for (const DueCall& r : call.reasons)
        reasons += reason_html(r);
    return fmt::format("<tr><td>{}</td><td>{} (client {}){}</td><td>{}</td><td><ul "
                       "class=\"reasons\">{}</ul>{}</td></tr>\n",
                       clock.local_minutes(call.due_at()), escape(c.client_name), c.client_id,
                       c.phone ? "<br>" + escape(*c.phone) : "",
                       c.session_id ? std::to_string(*c.session_id) : "", reasons, log);
}

std::string calls_table(const std::vector<CallToMake>& calls, const ClinicClock& clock,
                        const Viewer& viewer)
{
    if (calls.empty())
        return "<p>No calls due.</p>";
    std::string rows;
    for (const CallToMake& call : calls)
        rows += call_html(call, clock, viewer);
    return "<table tabindex=\"0\"><tr><th>Due</th><th>Client</th><th>Session</th><th>Why</th></tr>" +
           rows + "</table>";
}

// One page of a long list, as ?page=N asks (clamped to the pages there are).
struct ListPage {
    std::size_t at = 1, pages = 1, from = 0, to = 0;
};

ListPage list_page(const httplib::Request& req, std::size_t count, std::size_t per_page)
{
    ListPage p;
    p.pages = std::max<std::size_t>(1, (count + per_page - 1) / per_page);
    p.at = std::clamp<std::size_t>(
        static_cast<std::size_t>(std::max<std::int64_t>(1, id_param(req, "page").value_or(1))), 1,
        p.pages);
    p.from = (p.at - 1) * per_page;
    p.to = std::min(count, p.at * per_page);
    return p;
}

// Previous and next links; `query` is what the list's address keeps
// ("client=3&amp;" or empty).
std::string pager(std::string_view path, std::string_view query, const ListPage& p)
{
    std::string out = "<p class=\"pager\">";
    if (p.at > 1)
        out += fmt::format("<a href=\"{}?{}page={}\">Previous page</a>", path, query, p.at - 1);
    if (p.at < p.pages)
        out += fmt::format("<a href=\"{}?{}page={}\">Next page</a>", path, query, p.at + 1);
    return out + "</p>";
}

std::string refer_flags_section(const std::vector<Flag>& flags, std::size_t count,
                                const ClinicClock& clock, const Viewer& viewer)
{
    std::string out = fmt::format("<h2>Refer flags not yet reviewed ({})</h2>", count);
    if (flags.empty())
        return out + "<p>None.</p>";
    for (const Flag& f : flags)
        out += flag_html(f, clock, viewer);
    if (count > flags.size())
        out += "<p><a href=\"/flags\">Every flag</a></p>";
    return out;
}

} // namespace

void Site::today(Call& call, httplib::Response& res)
{
    const ClinicClock& clock = call.clinic.clock();
    constexpr std::size_t shown = 10;
    std::string body;
    // The calls and the flags come from the board: reading the clinic for
    // them takes a second on a large one.
    FlagBoard& board = m_boards.board();
    if (call.viewer.role != Role::therapist) {
        auto calls = board.calls(call.clinic, 0, shown);
        body += fmt::format("<h2>Calls due ({})</h2>", calls.count) +
                calls_table(calls.calls, clock, call.viewer);
        if (calls.count > shown)
            body += "<p><a href=\"/followups\">Every call due</a></p>";
    }
    if (call.viewer.role != Role::front_desk) {
        auto refer = board.flags(call.clinic, FlagBoard::Which::unreviewed_refer, 0, shown);
        body += refer_flags_section(refer.flags, refer.count, clock, call.viewer);
    }
    SessionFilter today;
    today.from = clock.parse("today 00:00", "today");
    today.to = clock.now() + std::chrono::hours{1}; // entry takes times up to 15 min ahead
    today.include_voided = false;
    std::string rows;
    // The front desk may open neither the client's page nor the report form:
    // it is shown no link to them.
    const bool clinical = call.viewer.role != Role::front_desk;
    each_session(call.clinic, today, [&](const Session& s) {
        rows += fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            clock.local_minutes(s.started_at).substr(11),
            clinical ? fmt::format("<a href=\"/clients/{}\">{}</a>", s.client_id,
                                   escape(s.client_name))
                     : escape(s.client_name),
            escape(s.therapist_name), escape(s.technique),
            clinical ? fmt::format("<a href=\"/reports/new?session={}\">report a reaction</a>",
                                   s.id)
                     : std::string());
    });
    body += "<h2>Today's sessions</h2>" +
            (rows.empty() ? std::string("<p>None yet.</p>")
                          : "<table tabindex=\"0\"><tr><th>At</th><th>Client</th><th>Therapist</th>"
                            "<th>Technique</th><th>Next step</th></tr>" + rows + "</table>");
    send_page(res, 200, page("Today", &call.viewer, body));
}

void Site::clients(Call& call, httplib::Response& res)
{
    const std::string search = param(call.http, "q");
    std::string body;
    // A change is confirmed by the client's name, linked where the role may
    // open the client's page.
    auto named = [&](std::int64_t id, const std::optional<Client>& c) {
        std::string name = c ? escape(c->name) : fmt::format("client {}", id);
        return call.viewer.role == Role::front_desk || !c
                   ? name
                   : fmt::format("<a href=\"/clients/{}\">{}</a>", id, name);
    };
    if (auto added = id_param(call.http, "added")) {
        auto c = find_client(call.clinic, *added);
        body += ok_banner(fmt::format("{} added (client {}).", named(*added, c), *added));
        std::string others;
        if (c)
            others = app::clients_also_named(call.clinic, c->name, c->id);
        if (!others.empty())
            body += fmt::format("<p class=\"warn\" role=\"alert\">The same name is already on "
                                "{}. If it is the same person, use that client and ask the owner "
                                "to archive client {}.</p>",
                                escape(others), *added);
    }
    if (auto edited = id_param(call.http, "edited"))
        body += ok_banner(fmt::format("{}: changes saved.", named(*edited, find_client(call.clinic, *edited))));
    if (auto archived = id_param(call.http, "archived"))
        body += ok_banner(fmt::format("{} archived; every record is kept.", named(*archived, find_client(call.clinic, *archived))));
    body += fmt::format("<form method=\"get\" action=\"/clients\"><label for=\"q\">Find a client"
                        "</label> <input type=\"search\" id=\"q\" name=\"q\" value=\"{}\"> "
                        "<input type=\"submit\" value=\"Find\"></form>",
                        escape(search));
    if (call.viewer.role != Role::therapist)
        body += "<p><a href=\"/clients/new\">Add a client</a></p>";
    std::string rows;
    std::size_t shown = 0, count = 0;
    each_client(call.clinic, search, IncludeArchived::no, [&](const Client& c) {
        if (++count > 200)
            return;
        ++shown;
        std::string name = call.viewer.role == Role::front_desk
                               ? escape(c.name)
                               : fmt::format("<a href=\"/clients/{}\">{}</a>", c.id, escape(c.name));
        std::string actions;
        if (call.viewer.role != Role::front_desk)
            actions = fmt::format("<a href=\"/sessions/new?client={}\">new session</a> ", c.id);
        if (call.viewer.role != Role::therapist)
            actions += fmt::format("<a href=\"/clients/{}/edit\">edit</a>", c.id);
        rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", c.id, name,
                            escape(c.phone.value_or("")), actions);
    });
    body += "<table tabindex=\"0\"><tr><th>ID</th><th>Name</th><th>Phone</th><th>Actions</th></tr>" + rows +
            "</table>";
    if (count > shown)
        body += fmt::format("<p class=\"muted\">{} of {} shown; narrow the search.</p>", shown, count);
    send_page(res, 200, page("Clients", &call.viewer, body));
}

// The client's page, for the therapist before a session: what stands
// first (flags), then the notes and health history, the reactions with
// their charts, the sessions and the calls.
void Site::flags(Call& call, httplib::Response& res)
{
    // One client's flags are computed on the spot; the clinic's come from
    // the board, a page at a time.
    const std::optional<std::int64_t> client = id_param(call.http, "client");
    FlagBoard& board = m_boards.board();
    std::vector<Flag> all;
    std::size_t count = 0;
    if (client) {
        FlagQuery query;
        query.client_id = client;
        each_flag(call.clinic, query, [&](const Flag& f) { all.push_back(f); });
        unreviewed_refer_first(all);
        count = all.size();
    } else {
        count = board.flags(call.clinic, FlagBoard::Which::every, 0, 0).count;
    }
    const ListPage at = list_page(call.http, count, k_per_page);
    std::vector<Flag> shown =
        client ? std::vector<Flag>(all.begin() + static_cast<std::ptrdiff_t>(at.from),
                                   all.begin() + static_cast<std::ptrdiff_t>(at.to))
               : board.flags(call.clinic, FlagBoard::Which::every, at.from, at.to).flags;
    std::string body;
    if (auto report = id_param(call.http, "report"))
        body += ok_banner(fmt::format("Report {} added; the flags below include it.", *report));
    if (auto reviewed = param(call.http, "reviewed"); !reviewed.empty())
        body += ok_banner("Review recorded.");
    body += fmt::format("<p>{} flags; unreviewed refer flags first. Page {} of {}.</p>", count,
                        at.at, at.pages);
    for (const Flag& f : shown)
        body += flag_html(f, call.clinic.clock(), call.viewer);
    body += pager("/flags", client ? fmt::format("client={}&amp;", *client) : "", at);
    send_page(res, 200, page("Flags", &call.viewer, body));
}

void Site::review_post(Call& call, httplib::Response& res)
{
    submit(
        call, res,
        [&](Clinic& clinic) {
            app::enter_review(options_from(FormState(call.http), "flags review"), clinic);
            return std::int64_t{0};
        },
        [&](FormState& form) {
            return page("Flags", &call.viewer,
                        "<p class=\"banner\" role=\"alert\">" + escape(form.error) +
                            "</p><p><a href=\"/flags\">Back to the flags</a></p>");
        },
        [](std::int64_t) { return std::string("/flags?reviewed=1"); });
}

void Site::followups(Call& call, httplib::Response& res)
{
    FlagBoard& board = m_boards.board();
    const std::size_t count = board.calls(call.clinic, 0, 0).count;
    std::string body;
    if (auto session = id_param(call.http, "logged")) {
        auto s = find_session(call.clinic, *session);
        std::string who = s ? escape(s->client_name) : "the client";
        if (s && call.viewer.role != Role::front_desk)
            who = fmt::format("<a href=\"/clients/{}\">{}</a>", s->client_id, who);
        body += ok_banner(fmt::format("Call with {} logged (session {}).", who, *session));
    }
    // Most overdue first, a page at a time: a large clinic's list is long.
    const ListPage at = list_page(call.http, count, k_per_page);
    if (at.pages > 1)
        body += fmt::format("<p>{} calls; page {} of {}.</p>", count, at.at, at.pages);
    body += calls_table(board.calls(call.clinic, at.from, at.to).calls, call.clinic.clock(),
                        call.viewer) +
            pager("/followups", "", at);
    send_page(res, 200, page("Calls due", &call.viewer, body));
}

void Site::followup_post(Call& call, httplib::Response& res)
{
    submit(
        call, res,
        [&](Clinic& clinic) {
            FormState form(call.http);
            app::enter_call(options_from(form, "followup log"), clinic);
            // The confirmation names the client, found from the session.
            return std::stoll(form.value("session"));
        },
        [&](FormState& form) {
            return page("Calls due", &call.viewer,
                        "<p class=\"banner\" role=\"alert\">" + escape(form.error) +
                            "</p><p><a href=\"/followups\">Back to the calls</a></p>");
        },
        [](std::int64_t id) { return "/followups?logged=" + std::to_string(id); });
}

void Site::export_csv_file(Call& call, httplib::Response& res)
{
    ExportOptions options;
    options.table = parse_table(std::string(call.http.matches[1]), "table", TableUse::export_);
    ExportRecord record{"csv " + std::string(to_string(options.table)), std::nullopt,
                        {{"via", "web"}}};
    // The rows are read outside any write (seconds on a large clinic) and
    // only the audit row is written: no group waits on an export.
    std::ostringstream csv;
    write_export(call.clinic, std::nullopt, Overwrite::no, csv, record, [&](std::ostream& to) {
        record.detail["rows"] = export_csv(call.clinic, options, to);
    });
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"{}.csv\"", to_string(options.table)));
    // RFC 4180 as the command line writes it; ?excel=1 adds the UTF-8 byte
    // order mark without which a spreadsheet reads "Zoé" as "ZoÃ©".
    const std::string bom = param(call.http, "excel") == "1" ? "\xEF\xBB\xBF" : "";
    res.set_content(bom + csv.str(), "text/csv; charset=utf-8");
}

} // namespace massagelog::web
