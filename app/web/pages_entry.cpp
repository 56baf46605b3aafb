// The entry forms: a client, a session (with the body map) and a reaction
// report. Each reads its fields with the command line's options and writes
// through the same entry function as the command.

#include "web/site.hpp"

#include "entries.hpp"
#include "web/body_map.hpp"
#include "web/care.hpp"
#include "web/picker.hpp"

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
        standing = standing_flags(call.clinic, client->id, call.clinic.clock().now(), &catalog);
        health = read_health(call.clinic, client->id, call.clinic.clock().now());
    }
    Choices therapist_choices;
    for (const Therapist& t : list_therapists(call.clinic))
        if (t.active)
            therapist_choices.emplace_back(std::to_string(t.id), t.name);
    Choices techniques;
    for (const Technique& t : catalog.techniques())
        techniques.emplace_back(t.name, t.name);
    // The map marks what the health history blocks at the pressure chosen
    // (the lightest while none is, or what was sent is no pressure).
    std::optional<ContraCheck> blocked;
    if (health && can_block(*health)) {
        int pressure = 1;
        try {
            pressure = parse_pressure(form.value("pressure"), "pressure");
        } catch (const InputError&) {
        }
        blocked = check_contraindications(
            {pressure, every_region(catalog, pressure), call.clinic.clock().now()},
            {*health, catalog, call.clinic.clock(), read_caution_limits(call.clinic)});
    }
    std::string body =
        form_error(form) +
        (client ? standing_html(*client, standing, call.clinic.clock()) +
                      health_brief_html(*health, client->id, call.clinic.clock())
                : client_finder(call.clinic, "/sessions/new", form.value("find"))) +
        "<form class=\"entry\" method=\"post\" action=\"/sessions\">" + csrf_field(call.viewer) +
        text_field(form, "Client", "client", "the client's ID or full name") +
        select_field(form, "Therapist", "therapist", therapist_choices) +
        text_field(form, "Started at", "at", "clinic time, e.g. 2026-11-21 14:30 or today 14:30") +
        select_field(form, "Technique", "technique", techniques, "choose") +
        select_field(form, "Pressure", "pressure", pressure_choices(), "choose") +
        text_field(form, "Duration (minutes)", "duration") +
        body_map(catalog, form, standing, blocked ? &*blocked : nullptr) +
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
    // The form is read on this request's connection; only the write, with
    // the point-of-care checks that must see every write before it, waits
    // for the group.
    SessionInput input;
    submit(
        call, res, [&](Clinic& clinic) { return add_session(clinic, input).id; },
        [&](FormState& form) { return session_form(call, form); },
        [&](std::int64_t id) {
            auto s = find_session(call.clinic, id);
            return fmt::format("/clients/{}?session={}", s ? s->client_id : 0, id);
        },
        Commit::grouped,
        [&] {
            FormState form(call.http);
            form.replace("region", regions_from_map(form));
            input = app::session_input(options_from(form, "session add"), call.clinic);
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
    auto s = find_session(call.clinic, session_id);
    if (!s) {
        // No session yet: the client's recent ones to choose from, and a
        // way to find the client.
        if (auto client = id_param(call.http, "client"))
            session_line = recent_sessions(call.clinic, *client);
        session_line += client_finder(call.clinic, "/reports/new", form.value("find"));
    } else {
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
