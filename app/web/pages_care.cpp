// The point of care on the web: what stands for a client (flags, health
// history) on the session form and the client's page, and the health
// history form the front desk and therapists fill in (SPEC 2, 3).

#include "web/care.hpp"
#include "web/site.hpp"

#include "entries.hpp"

#include <massagelog/rules/contraindications.hpp>
#include <massagelog/rules/rules.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace massagelog::web {

namespace {

// "yes, week 20 (2026-11-21)": an answer with the date it was given.
std::string dated(const HealthLine& line, const ClinicClock& clock)
{
    return escape(line.answer) +
           (line.from ? " <span class=\"muted\">(" + clock.local_date(line.from->recorded_at) +
                            ")</span>"
                      : "");
}

std::string health_link(std::int64_t client_id, std::string_view text)
{
    return fmt::format("<a href=\"/clients/{}/health\">{}</a>", client_id, text);
}

// The fields of the health form that take regions: typed as "calf:left,
// foot" and sent to the command as one option each.
constexpr std::array k_region_fields{"sensation-region", "surgery-region", "skin-region",
                                     "avoid-region"};

std::vector<std::string> split_regions(const std::vector<std::string>& typed)
{
    std::vector<std::string> out;
    for (const std::string& text : typed) {
        std::string word;
        for (char c : text + ' ') {
            if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (!word.empty())
                    out.push_back(std::move(word));
                word.clear();
            } else {
                word += c;
            }
        }
    }
    return out;
}

} // namespace

bool guards_an_area(const std::vector<Flag>& standing)
{
    return std::any_of(standing.begin(), standing.end(), [](const Flag& f) {
        return f.level == Level::refer && !f.region.empty();
    });
}

std::string standing_html(const Client& c, const std::vector<Flag>& standing,
                          const ClinicClock& clock)
{
    std::string out = fmt::format("<p class=\"for-client\">Session for <strong>{}</strong> "
                                  "(client {})</p>",
                                  escape(c.name), c.id);
    if (standing.empty())
        return out;
    std::string items;
    for (const Flag& f : standing) {
        items += fmt::format("<li class=\"{0}\"><span class=\"level\">{0}</span> {1} [{2}]: {3}{4}</li>",
                             to_string(f.level), escape(f.rule), escape(f.evidence_key),
                             escape(f.evidence),
                             f.review ? " <span class=\"muted\">(" +
                                            escape(describe_review(*f.review, clock)) + ")</span>"
                                      : "");
    }
    out += "<section class=\"standing\" aria-labelledby=\"standing-h\"><h2 id=\"standing-h\">"
           "Flags standing for this client</h2><ul>" + items + "</ul>";
    if (guards_an_area(standing))
        out += "<p>Regions under a refer flag are marked ⚠ on the map: a session that works "
               "them is refused until the flag is cleared or dismissed, unless you work them "
               "anyway and say why below the map.</p>";
    return out + "</section>";
}

std::string health_brief_html(const HealthStanding& health, std::int64_t client_id,
                              const ClinicClock& clock)
{
    std::string out = "<section class=\"health\" aria-labelledby=\"health-h\"><h2 id=\"health-h\">"
                      "Health history</h2>";
    if (health.entries.empty())
        return out + "<p>None recorded: nothing is known of clots, medication, pregnancy or "
                     "sensation. Ask, then " +
               health_link(client_id, "record the health history") + ".</p></section>";
    std::string items, not_asked;
    for (const HealthLine& line : health_lines(health)) {
        if (!line.from)
            not_asked += (not_asked.empty() ? "" : ", ") + line.question;
        else if (line.answer != "no" && line.answer != "none")
            items += fmt::format("<li><strong>{}</strong>: {}</li>", escape(line.question),
                                 dated(line, clock));
    }
    if (!items.empty())
        out += "<ul>" + items + "</ul>";
    if (can_block(health))
        out += "<p>A session that these answers rule out is refused, naming the region and the "
               "answer, unless you go ahead anyway and say why below the map.</p>";
    if (!not_asked.empty())
        out += "<p class=\"muted\">Not asked: " + escape(not_asked) + ".</p>";
    return out + "<p>" + health_link(client_id, "Add to the health history") + "</p></section>";
}

std::string health_table_html(const HealthStanding& health, std::int64_t client_id,
                              const ClinicClock& clock)
{
    std::string out = "<h2>Health history</h2>";
    if (health.entries.empty())
        return out + "<p>None recorded: every question is not asked. " +
               health_link(client_id, "Record the health history") + ".</p>";
    out += "<table class=\"health\" tabindex=\"0\">";
    for (const HealthLine& line : health_lines(health))
        out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>", escape(line.question),
                           dated(line, clock));
    return out + "</table><p>" + health_link(client_id, "Add to the health history") + "</p>";
}

std::string override_fields(bool flags, bool contra, const FormState& form)
{
    if (!flags && !contra)
        return "";
    auto box = [&](const char* name, const char* text) {
        return fmt::format("<div class=\"field\"><label><input type=\"checkbox\" name=\"{}\" "
                           "value=\"yes\"{}> {}</label></div>",
                           name, form.has(name, "yes") ? " checked" : "", text) +
               field_error(form, name);
    };
    return (flags ? box("despite-flags", "Work a flagged area anyway (audited)") : "") +
           (contra ? box("despite-contraindication",
                         "Go ahead although the health history rules it out (audited)")
                   : "") +
           text_field(form, "Why it goes ahead anyway", "reason");
}

std::string Site::health_form(Call& call, FormState& form, std::int64_t client_id)
{
    Client c = known_client(call.clinic, client_id);
    const ClinicClock& clock = call.clinic.clock();
    std::string questions;
    for (const HealthQuestionSpec& q : health_questions()) {
        std::string asks(q.asks);
        asks[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(asks[0])));
        questions += tri_field(form, asks, form_label(q.column), "not asked");
    }
    std::string body =
        form_error(form) +
        fmt::format("<p class=\"for-client\">Health history of <strong>{}</strong> (client {}). "
                    "A question left at <em>not asked</em> keeps its earlier answer; the entry is "
                    "dated and never edited.</p>",
                    escape(c.name), c.id) +
        fmt::format("<form class=\"entry\" method=\"post\" action=\"/clients/{}/health\">", c.id) +
        csrf_field(call.viewer) +
        "<table class=\"symptoms health-questions\"><tr><th scope=\"col\">Question</th>"
        "<th scope=\"col\">yes</th><th scope=\"col\">no</th><th scope=\"col\">not asked</th></tr>" +
        questions + "</table>" +
        text_field(form, "Week of pregnancy", "pregnancy-week", "1-45, with pregnant yes") +
        text_field(form, "Where sensation is reduced", "sensation-region",
                   "regions, e.g. hand:left, foot; the whole limb counts") +
        text_field(form, "Date of the surgery or injury", "surgery-at", "YYYY-MM-DD") +
        text_field(form, "Where the surgery or injury was", "surgery-region", "regions") +
        text_field(form, "Where the skin condition or wound is", "skin-region", "regions") +
        text_field(form, "Areas the client asks to avoid", "avoid-region",
                   "regions, or none when they named none") +
        select_field(form, "Preferred pressure", "preferred-pressure",
                     {{"1", "1 light"}, {"2", "2 moderate"}, {"3", "3 firm"}, {"4", "4 deep"},
                      {"5", "5 very deep"}},
                     "not asked") +
        textarea_field(form, "Notes", "notes") +
        "<input type=\"submit\" value=\"Add to the health history\"></form>" +
        health_table_html(read_health(call.clinic, c.id, clock.now()), c.id, clock);
    return page("Health history: " + c.name, &call.viewer, body);
}

void Site::health_new(Call& call, httplib::Response& res)
{
    FormState form(call.http);
    send_page(res, 200, health_form(call, form, path_id(call)));
}

void Site::health_post(Call& call, httplib::Response& res)
{
    const std::int64_t id = path_id(call);
    known_client(call.clinic, id);
    submit(
        call, res,
        [&](Clinic& clinic) {
            FormState form(call.http);
            form.set("client", std::to_string(id));
            for (const char* name : k_region_fields)
                form.replace(name, split_regions(form.values(name)));
            return app::enter_health(options_from(form, "client health add"), clinic);
        },
        [&](FormState& form) { return health_form(call, form, id); },
        [&](std::int64_t) { return fmt::format("/clients/{}?health=added", id); });
}

} // namespace massagelog::web
