// The owner's corrections: voiding a session entered by mistake and
// archiving or bringing back a client, each from a page that names what it
// changes and asks for the reason, with the command line's guards (refer
// flags awaiting review refuse it unless gone ahead with a reason).

#include "web/site.hpp"

#include "command.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/archive.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/records/point_of_care.hpp>
#include <massagelog/records/sessions.hpp>
#include <massagelog/store/clinic.hpp>

#include <fmt/format.h>

namespace massagelog::web {

namespace {

Session known_session(Clinic& clinic, std::int64_t id)
{
    auto s = find_session(clinic, id);
    if (!s)
        throw NotFound(fmt::format("session {}: no such session", id));
    return *s;
}

// The refer flags awaiting review that the change would hide, listed so
// that the owner sees them before deciding, with the box to go ahead.
std::string flags_in_the_way(const std::vector<Flag>& flags, const FormState& form,
                             std::string_view what)
{
    if (flags.empty())
        return {};
    std::string items;
    for (const Flag& f : flags)
        items += fmt::format("<li><strong>{}</strong> [{}]: {}</li>", escape(f.rule),
                             escape(f.evidence_key), escape(f.evidence));
    return fmt::format(
        "<section class=\"standing\" aria-label=\"Refer flags awaiting review\"><p>Refer flags "
        "await review for this client; {} would take them off the lists:</p><ul>{}</ul>"
        "<p><a href=\"/flags?client={}\">Review them first</a>, or go ahead with a reason.</p>"
        "<label class=\"tick\"><input type=\"checkbox\" name=\"despite-flags\" value=\"yes\"{}> "
        "Go ahead despite these flags</label></section>",
        what, items, flags.front().client_id,
        form.has("despite-flags", "yes") ? " checked" : "");
}

std::string session_line(const Session& s, const ClinicClock& clock)
{
    std::string regions;
    for (const SessionRegion& r : s.regions)
        regions += (regions.empty() ? "" : ", ") + to_string(r);
    return fmt::format("{} with {}, {}, {} at pressure {}{}", escape(s.client_name),
                       escape(s.therapist_name), clock.local_minutes(s.started_at),
                       escape(s.technique), s.pressure,
                       regions.empty() ? "" : "; " + escape(regions));
}

} // namespace

std::string Site::void_form(Call& call, FormState& form, std::int64_t id)
{
    Session s = known_session(call.clinic, id);
    if (s.voided_at)
        return page("Session voided", &call.viewer,
                    fmt::format("<p>Session {} ({}) was voided {}: {}.</p><p><a "
                                "href=\"/clients/{}\">Back to {}</a></p>",
                                id, session_line(s, call.clinic.clock()),
                                call.clinic.clock().local_minutes(*s.voided_at),
                                escape(s.void_reason.value_or("")), s.client_id,
                                escape(s.client_name)));
    std::vector<Flag> in_the_way = refer_flags_resting_on(call.clinic, s.client_id, id);
    return page(
        fmt::format("Void session {}?", id), &call.viewer,
        form_error(form) +
            fmt::format("<p>Session {}: {}.</p><p>A voided session stays on record, marked "
                        "voided, and no longer counts toward any flag. Void only a session "
                        "entered by mistake.</p>",
                        id, session_line(s, call.clinic.clock())) +
            fmt::format("<form class=\"entry\" method=\"post\" action=\"/sessions/{}/void\">", id) +
            csrf_field(call.viewer) + text_field(form, "Why it is voided", "reason") +
            flags_in_the_way(in_the_way, form, "voiding it") +
            fmt::format("<input type=\"submit\" value=\"Void session {} of {}\"></form>"
                        "<p><a href=\"/clients/{}\">Keep it and go back</a></p>",
                        id, escape(s.client_name), s.client_id));
}

void Site::session_void(Call& call, httplib::Response& res)
{
    FormState form(call.http);
    send_page(res, 200, void_form(call, form, path_id(call)));
}

void Site::session_void_post(Call& call, httplib::Response& res)
{
    const std::int64_t id = path_id(call);
    std::int64_t client = known_session(call.clinic, id).client_id;
    submit(
        call, res,
        [&](Clinic& clinic) {
            FormState form(call.http);
            form.set("id", std::to_string(id));
            auto vm = options_from(form, "session void");
            void_session(clinic, id, vm["reason"].as<std::string>(),
                         vm["despite-flags"].as<bool>() ? DespiteFlags::yes : DespiteFlags::no);
            return id;
        },
        [&](FormState& form) { return void_form(call, form, id); },
        [&](std::int64_t) { return fmt::format("/clients/{}?voided={}", client, id); });
}

std::string Site::archive_form(Call& call, FormState& form, std::int64_t id)
{
    Client c = known_client(call.clinic, id);
    const std::string back =
        fmt::format("<p><a href=\"/clients/{}\">Back to {}</a></p>", id, escape(c.name));
    if (c.archived_at)
        return page(
            fmt::format("Bring back {}?", c.name), &call.viewer,
            form_error(form) +
                fmt::format("<p>{} was archived {}. Brought back, they are on the lists, flags "
                            "and calls due again.</p><form class=\"entry\" method=\"post\" "
                            "action=\"/clients/{}/unarchive\">",
                            escape(c.name), call.clinic.clock().local_minutes(*c.archived_at),
                            id) +
                csrf_field(call.viewer) +
                fmt::format("<input type=\"submit\" value=\"Bring back {}\"></form>",
                            escape(c.name)) +
                back);
    std::vector<Flag> in_the_way = unreviewed_refer_flags(call.clinic, id);
    return page(
        fmt::format("Archive {}?", c.name), &call.viewer,
        form_error(form) +
            fmt::format("<p>Archived, {} leaves the client lists, flags and calls due; every "
                        "record is kept and they can be brought back.</p>",
                        escape(c.name)) +
            fmt::format("<form class=\"entry\" method=\"post\" action=\"/clients/{}/archive\">",
                        id) +
            csrf_field(call.viewer) + flags_in_the_way(in_the_way, form, "archiving them") +
            (in_the_way.empty() ? std::string()
                                : text_field(form, "Why they are archived despite the flags",
                                             "reason")) +
            fmt::format("<input type=\"submit\" value=\"Archive {}\"></form>", escape(c.name)) +
            back);
}

void Site::client_archive(Call& call, httplib::Response& res)
{
    FormState form(call.http);
    send_page(res, 200, archive_form(call, form, path_id(call)));
}

void Site::client_archive_post(Call& call, httplib::Response& res)
{
    const std::int64_t id = path_id(call);
    submit(
        call, res,
        [&](Clinic& clinic) {
            FormState form(call.http);
            form.set("client", std::to_string(id));
            archive_client(clinic, id, app::despite_flags_reason(options_from(form, "client archive")));
            return id;
        },
        [&](FormState& form) { return archive_form(call, form, id); },
        [&](std::int64_t) { return fmt::format("/clients?archived={}", id); });
}

void Site::client_unarchive_post(Call& call, httplib::Response& res)
{
    const std::int64_t id = path_id(call);
    submit(
        call, res,
        [&](Clinic& clinic) {
            unarchive_client(clinic, id);
            return id;
        },
        [&](FormState& form) { return archive_form(call, form, id); },
        [&](std::int64_t) { return fmt::format("/clients/{}?unarchived=1", id); });
}

} // namespace massagelog::web
