// The entry forms: a client, a session (with the body map) and a reaction
// report. Each reads its fields with the command line's options and writes
// through the same entry function as the command.

#include "web/site.hpp"

#include "entries.hpp"
#include "web/care.hpp"

#include <massagelog/core/catalog.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/records/entry_checks.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/records/point_of_care.hpp>
#include <massagelog/records/sessions.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace massagelog::web {

namespace {

// Where a region's checkbox sits on the body map (a 700 x 600 figure: the
// front on the left, the back on the right). A paired region has a spot
// for each side; the client's right is on the viewer's left in front.
struct Spot {
    std::string_view region;
    int x_right, x_left, y; // x_right == x_left for a midline region
};

constexpr Spot k_spots[] = {
    {"head", 170, 170, 18},        {"face", 170, 170, 58},       {"neck", 170, 170, 98},
    {"shoulder", 105, 235, 128},   {"chest", 170, 170, 165},     {"upper-arm", 80, 260, 190},
    {"abdomen", 170, 170, 235},    {"forearm", 62, 278, 262},    {"hand", 50, 290, 325},
    {"hip", 125, 215, 300},        {"thigh-front", 100, 240, 370}, {"shin", 100, 240, 465},
    {"foot", 105, 235, 560},       {"upper-back", 530, 530, 160}, {"lower-back", 530, 530, 235},
    {"glutes", 595, 465, 300},     {"thigh-back", 605, 455, 370}, {"calf", 595, 465, 465},
};

// Two outlines, front and back, drawn with presentation attributes only
// (the pages allow no inline style).
std::string figure(int cx, std::string_view caption)
{
    return fmt::format(
        "<g fill=\"#e8eef3\" stroke=\"#8c9aa6\" stroke-width=\"2\">"
        "<circle cx=\"{0}\" cy=\"45\" r=\"32\"/>"
        "<rect x=\"{1}\" y=\"85\" width=\"24\" height=\"25\"/>"
        "<rect x=\"{2}\" y=\"110\" width=\"120\" height=\"170\" rx=\"24\"/>"
        "<rect x=\"{3}\" y=\"115\" width=\"26\" height=\"215\" rx=\"12\"/>"
        "<rect x=\"{4}\" y=\"115\" width=\"26\" height=\"215\" rx=\"12\"/>"
        "<rect x=\"{5}\" y=\"270\" width=\"110\" height=\"60\" rx=\"14\"/>"
        "<rect x=\"{6}\" y=\"320\" width=\"44\" height=\"260\" rx=\"18\"/>"
        "<rect x=\"{7}\" y=\"320\" width=\"44\" height=\"260\" rx=\"18\"/>"
        "</g><text x=\"{0}\" y=\"596\" text-anchor=\"middle\" font-size=\"14\" fill=\"#50575e\">"
        "{8}</text>",
        cx, cx - 12, cx - 60, cx - 90, cx + 64, cx - 55, cx - 52, cx + 8, caption);
}

// The refer flags standing on a region and side of the map, if any: "weakness, nerve".
std::string flagged(const std::vector<Flag>& standing, std::string_view region, Side side)
{
    std::string out;
    for (const GuardedRegion& g : guarded_regions(standing, {{std::string(region), side, 0, false}}))
        out += (out.empty() ? "" : ", ") + g.flag->rule;
    return out;
}

std::string spot(const FormState& form, std::string_view region, Side side, std::string_view text,
                 int x, int y, const std::vector<Flag>& standing)
{
    const std::string value = fmt::format("{}:{}", region, to_string(side));
    const std::string flags = flagged(standing, region, side);
    return fmt::format("<foreignObject x=\"{}\" y=\"{}\" width=\"130\" height=\"26\">"
                       "<label class=\"spot{}\" xmlns=\"http://www.w3.org/1999/xhtml\"{}>"
                       "<input type=\"checkbox\" name=\"region\" value=\"{}\"{}> {}{}</label>"
                       "</foreignObject>",
                       x - 40, y - 12, flags.empty() ? "" : " flagged",
                       flags.empty() ? "" : " title=\"refer flag: " + escape(flags) + "\"", value,
                       form.has("region", value) ? " checked" : "", text,
                       flags.empty() ? "" : " \u26a0");
}

const Spot* spot_of(std::string_view region)
{
    for (const Spot& s : k_spots)
        if (s.region == region)
            return &s;
    return nullptr;
}

// Every region of the catalog as a checkbox on the body map; those under a
// standing refer flag are marked.
std::string body_map(const Catalog& catalog, const FormState& form,
                     const std::vector<Flag>& standing)
{
    std::string spots;
    for (const Region& r : catalog.regions()) {
        const Spot* s = spot_of(r.name);
        if (!s)
            continue; // a region added to the catalog later is typed below
        if (r.paired) {
            spots += spot(form, r.name, Side::right, r.name + " R", s->x_right, s->y, standing);
            spots += spot(form, r.name, Side::left, r.name + " L", s->x_left, s->y, standing);
        } else {
            spots += spot(form, r.name, Side::midline, r.name, s->x_right, s->y, standing);
        }
    }
    return "<fieldset><legend>Regions worked</legend><p class=\"muted\">Tick each region on the "
           "figure (R and L are the client's right and left). Both sides ticked is recorded as "
           "both.</p><svg class=\"bodymap-figure\" viewBox=\"0 0 700 600\" width=\"700\" "
           "height=\"600\" role=\"group\" aria-label=\"Body map\">" +
           figure(170, "front") + figure(530, "back") + spots + "</svg>";
}

bool on_map(const Catalog& catalog, const std::string& value)
{
    for (const Region& r : catalog.regions())
        for (std::string_view side : {"left", "right", "midline"})
            if (spot_of(r.name) && value == r.name + ":" + std::string(side))
                return true;
    return false;
}

// The regions a session form sends, as session add reads them: a region
// ticked on both sides is one region on both; a typed region with its own
// pressure or focal mark stands in for the same region ticked.
std::vector<std::string> merged_regions(const std::vector<std::string>& sent)
{
    std::vector<std::string> out;
    auto head = [](const std::string& v) {
        auto first = v.find(':');
        auto second = first == std::string::npos ? first : v.find(':', first + 1);
        return v.substr(0, second);
    };
    for (const std::string& v : sent) {
        if (v.empty())
            continue;
        std::string key = head(v);
        auto same = std::find_if(out.begin(), out.end(), [&](const auto& o) { return head(o) == key; });
        if (same != out.end()) {
            if (v.size() > same->size())
                *same = v;
            continue;
        }
        out.push_back(v);
    }
    for (auto& v : out) {
        auto colon = v.find(':');
        if (colon == std::string::npos || v.substr(colon) != ":left")
            continue;
        std::string right = v.substr(0, colon) + ":right";
        auto r = std::find(out.begin(), out.end(), right);
        if (r != out.end()) {
            v = v.substr(0, colon) + ":both";
            r->clear();
        }
    }
    std::erase(out, std::string());
    return out;
}

Choices pressure_choices()
{
    return {{"1", "1 light"}, {"2", "2 moderate"}, {"3", "3 firm"}, {"4", "4 deep"},
            {"5", "5 very deep"}};
}

} // namespace

// The new-client form, or with `id` the form changing that client, where
// every field is sent and an emptied one clears it.
std::string Site::client_form(Call& call, FormState& form, std::optional<std::int64_t> id)
{
    const char* clears = id ? " (empty clears it)" : "";
    return page(id ? fmt::format("Change client {}", *id) : "New client", &call.viewer,
                form_error(form) + "<form class=\"entry\" method=\"post\" action=\"" +
                    (id ? fmt::format("/clients/{}/edit", *id) : "/clients") + "\">" +
                    csrf_field(call.viewer) + text_field(form, "Full name", "name") +
                    text_field(form, fmt::format("Phone{}", clears), "phone") +
                    text_field(form, fmt::format("E-mail{}", clears), "email", {}, "email") +
                    text_field(form, "Date of birth", "birth-date", "YYYY-MM-DD") +
                    textarea_field(form, "Notes: health history, preferences", "notes") +
                    "<input type=\"submit\" value=\"" + (id ? "Save changes" : "Add client") +
                    "\"></form>");
}

void Site::client_new(Call& call, httplib::Response& res)
{
    FormState form(call.http);
    send_page(res, 200, client_form(call, form));
}

void Site::client_post(Call& call, httplib::Response& res)
{
    submit(
        call, res,
        [&](Clinic& clinic) {
            return app::enter_client(options_from(FormState(call.http), "client add"), clinic);
        },
        [&](FormState& form) { return client_form(call, form); },
        [&](std::int64_t id) { return "/clients?added=" + std::to_string(id); });
}

// A client's details as the edit form shows them first.
void Site::client_edit(Call& call, httplib::Response& res)
{
    const std::int64_t id = path_id(call);
    Client c = known_client(call.clinic, id);
    FormState form;
    form.set("name", c.name);
    form.set("phone", c.phone.value_or(""));
    form.set("email", c.email.value_or(""));
    form.set("birth-date", c.birth_date.value_or(""));
    form.set("notes", c.notes.value_or(""));
    send_page(res, 200, client_form(call, form, id));
}

// Every field is sent: one emptied clears it, as `client edit --phone ""`.
void Site::client_edit_post(Call& call, httplib::Response& res)
{
    const std::int64_t id = path_id(call);
    submit(
        call, res,
        [&](Clinic& clinic) {
            FormState form(call.http);
            form.set("client", std::to_string(id));
            app::enter_client_edit(options_from(form, "client edit", Blanks::given), clinic);
            return id;
        },
        [&](FormState& form) { return client_form(call, form, id); },
        [&](std::int64_t) { return "/clients?edited=" + std::to_string(id); });
}

Client known_client(Clinic& clinic, std::int64_t id)
{
    auto c = find_client(clinic, id);
    if (!c)
        throw NotFound(fmt::format("client {}: no such client", id));
    return *c;
}


namespace {

// The client the session form names, if the client field names one.
std::optional<Client> named_client(Clinic& clinic, const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    try {
        return find_client(clinic, resolve_client(clinic, text, "client"));
    } catch (const InputError&) {
        return std::nullopt; // the field's own error says why
    }
}

} // namespace

std::string Site::session_form(Call& call, FormState& form)
{
    Catalog catalog(call.clinic.db());
    std::optional<Client> client = named_client(call.clinic, form.value("client"));
    std::vector<Flag> standing;
    std::optional<HealthStanding> health;
    if (client) {
        standing = standing_flags(call.clinic, client->id, call.clinic.clock().now());
        health = read_health(call.clinic, client->id, call.clinic.clock().now());
    }
    Choices therapist_choices;
    for (const Therapist& t : list_therapists(call.clinic))
        if (t.active)
            therapist_choices.emplace_back(std::to_string(t.id), t.name);
    Choices techniques;
    for (const Technique& t : catalog.techniques())
        techniques.emplace_back(t.name, t.name);
    std::string typed;
    std::vector<std::string> extra;
    for (const std::string& v : form.values("region"))
        if (!on_map(catalog, v))
            extra.push_back(v);
    extra.resize(std::max<std::size_t>(extra.size(), 2));
    for (const std::string& v : extra)
        typed += fmt::format("<input type=\"text\" name=\"region\" value=\"{}\" "
                             "aria-label=\"Region with its own pressure\"> ",
                             escape(v));
    std::string body =
        form_error(form) +
        (client ? standing_html(*client, standing, call.clinic.clock()) +
                      health_brief_html(*health, client->id, call.clinic.clock())
                : std::string()) +
        "<form class=\"entry\" method=\"post\" action=\"/sessions\">" + csrf_field(call.viewer) +
        text_field(form, "Client", "client", "the client's ID or full name") +
        select_field(form, "Therapist", "therapist", therapist_choices) +
        text_field(form, "Started at", "at", "clinic time, e.g. 2026-11-21 14:30 or today 14:30") +
        select_field(form, "Technique", "technique", techniques, "choose") +
        select_field(form, "Pressure", "pressure", pressure_choices(), "choose") +
        text_field(form, "Duration (minutes)", "duration") + body_map(catalog, form, standing) +
        field_error(form, "region") +
        "<div class=\"field\"><label>A region with its own pressure or focal work</label>" + typed +
        "<div class=\"muted\">REGION:SIDE:PRESSURE[:focal], e.g. neck:midline:4:focal</div></div>"
        "</fieldset>" +
        textarea_field(form, "Session notes", "notes") +
        override_fields(guards_an_area(standing), health && can_block(*health), form) +
        "<input type=\"submit\" value=\"Add session\"></form>";
    return page("New session", &call.viewer, body);
}

void Site::session_new(Call& call, httplib::Response& res)
{
    FormState form(call.http);
    if (form.value("at").empty())
        form.set("at", call.clinic.clock().local_minutes(call.clinic.clock().now()));
    if (form.value("duration").empty())
        form.set("duration", "60");
    if (form.value("therapist").empty() && call.login.user.therapist_id)
        form.set("therapist", std::to_string(*call.login.user.therapist_id));
    send_page(res, 200, session_form(call, form));
}

void Site::session_post(Call& call, httplib::Response& res)
{
    // The flags and health history are read on this request's connection
    // first; the grouped write then only confirms that nothing they rest on
    // changed (add_session), instead of reading them while the group waits.
    SessionInput input;
    PointOfCare care;
    submit(
        call, res, [&](Clinic& clinic) { return add_session(clinic, input, &care).id; },
        [&](FormState& form) { return session_form(call, form); },
        [&](std::int64_t id) {
            auto s = find_session(call.clinic, id);
            return fmt::format("/clients/{}?session={}", s ? s->client_id : 0, id);
        },
        Commit::grouped,
        [&] {
            FormState form(call.http);
            form.replace("region", merged_regions(form.values("region")));
            input = app::session_input(options_from(form, "session add"), call.clinic);
            care = read_point_of_care(call.clinic, input);
        });
}

std::string Site::report_form(Call& call, FormState& form)
{
    Catalog catalog(call.clinic.db());
    Choices regions;
    std::string session_line;
    std::int64_t session_id = 0;
    try {
        session_id = std::stoll(form.value("session", "0"));
    } catch (const std::exception&) {
    }
    if (auto s = find_session(call.clinic, session_id)) {
        session_line = fmt::format("<p>Session {} for {} on {}: {} at pressure {}.</p>", s->id,
                                   escape(s->client_name),
                                   call.clinic.clock().local_minutes(s->started_at),
                                   escape(s->technique), s->pressure);
        for (const SessionRegion& r : s->regions) {
            std::string v = r.region + ":" + std::string(to_string(r.side));
            regions.emplace_back(v, v + " (worked)");
        }
    }
    for (const Region& r : catalog.regions())
        for (Side side : {Side::left, Side::right, Side::both, Side::midline})
            if (side_fits(r, side)) {
                std::string v = r.name + ":" + std::string(to_string(side));
                regions.emplace_back(v, v);
            }
    std::string symptoms = "<fieldset><legend>Symptoms</legend><table class=\"symptoms\">";
    for (std::size_t i = 0; i < k_symptom_names.size(); ++i)
        symptoms += tri_field(form, symptom_label(i), form_label(k_symptom_names[i]));
    symptoms += "</table></fieldset>";
    Choices severities;
    for (int i = 1; i <= 10; ++i)
        severities.emplace_back(std::to_string(i), std::to_string(i));
    std::string body =
        session_line + form_error(form) + "<form class=\"entry\" method=\"post\" action=\"/reports\">" +
        csrf_field(call.viewer) + text_field(form, "Session", "session", "the session's ID") +
        select_field(form, "Where", "region", regions, "choose") +
        select_field(form, "Kind", "kind", {{"twitch", "twitch"}, {"spasm", "spasm"}, {"cramp", "cramp"}}) +
        select_field(form, "Severity", "severity", severities, "1 barely noticeable .. 10 worst") +
        select_field(form, "Frequency", "frequency",
                     {{"occasional", "occasional"}, {"frequent", "frequent"}, {"constant", "constant"}},
                     "not recorded") +
        text_field(form, "Started (onset)", "onset", "clinic time, e.g. yesterday 18:30") +
        "<fieldset><legend>Still present?</legend><table class=\"symptoms\">" +
        tri_field(form, "Still present", "still-present") + "</table></fieldset>" +
        text_field(form, "Went away at", "resolved-at", "clinic time; leave empty if not") +
        text_field(form, "Reported at", "reported-at", "leave empty for now") + symptoms +
        select_field(form, "How it was reported", "source",
                     {{"phone", "phone"}, {"in-person", "in person"}, {"form", "form"}, {"other", "other"}}) +
        textarea_field(form, "What the client said", "notes") +
        "<input type=\"submit\" value=\"Add report\"></form>";
    return page("Report a reaction", &call.viewer, body);
}

void Site::report_new(Call& call, httplib::Response& res)
{
    FormState form(call.http);
    send_page(res, 200, report_form(call, form));
}

void Site::report_post(Call& call, httplib::Response& res)
{
    submit(
        call, res,
        [&](Clinic& clinic) {
            return app::enter_report(options_from(FormState(call.http), "report add"), clinic);
        },
        [&](FormState& form) { return report_form(call, form); },
        [&](std::int64_t id) { return fmt::format("/flags?report={}", id); });
}

} // namespace massagelog::web
