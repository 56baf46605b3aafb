// The owner's pages: web accounts, as `user add|passwd|disable`, and the
// clinic's settings, as `config set`, with a link to each table's CSV.

#include "web/site.hpp"

#include "entries.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/exchange/tables.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/store/config.hpp>
#include <massagelog/store/settings.hpp>

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace massagelog::web {

namespace {

// The new password of a form, typed twice alike. Read before any write:
// hashing it takes a tenth of a second.
std::string new_password(const FormState& form)
{
    std::string password = form.value("password");
    check_password(password, "password");
    if (form.value("password-again") != password)
        throw InputError("the two passwords differ").about("password-again");
    return password;
}

std::string password_fields(const FormState& form)
{
    return text_field(form, "New password", "password", "10 characters or more; a few words",
                      "password") +
           text_field(form, "The same password again", "password-again", {}, "password");
}

Choices role_choices()
{
    Choices out;
    for (const auto& [role, name] : EnumNames<Role>::list)
        out.emplace_back(std::string(name), std::string(name));
    return out;
}

const char* k_role_help = "therapist: sessions, reports, flags and summaries; front-desk: clients "
                          "and calls; owner: everything, with reviews, export, users and settings";

// One of the page's forms, sent to `action`, with the message it came back
// with (if it did).
std::string section(std::string_view title, const FormState& form, std::string_view action,
                    const Viewer& viewer, const std::string& fields, std::string_view button)
{
    return fmt::format("<h2>{}</h2><form class=\"entry\" method=\"post\" action=\"{}\">{}{}{}"
                       "<input type=\"submit\" value=\"{}\"></form>",
                       title, action, form_error(form), csrf_field(viewer), fields, button);
}

// A setting's field: the time zone from the tz database's places, a small
// range (the pressures) as a choice, other numbers and the day list typed,
// each with its unit, bounds, default and what it does.
std::string setting_field(const FormState& form, const SettingSpec& spec)
{
    std::string hint;
    if (spec.kind == SettingKind::number)
        hint = fmt::format("{}, {} to {}. ", spec.unit, spec.min, spec.max);
    else if (spec.kind == SettingKind::day_list)
        hint = fmt::format("{}, from {} to {}, separated by commas. ", spec.unit, spec.min,
                           spec.max);
    hint += spec.default_value.empty() ? std::string("Empty by default. ")
                                       : fmt::format("Default {}. ", spec.default_value);
    hint += fmt::format("Sets {}: {}.", spec.key, spec.description);
    Choices choices;
    std::string blank;
    if (spec.kind == SettingKind::zone) {
        const std::string now = form.value("value");
        for (const std::string& zone : place_zones())
            choices.emplace_back(zone, zone);
        // A zone stored before only places were accepted (EST) is not among
        // them: it shows as such, not as the first place of the list.
        if (!is_place_zone(now) || now == "UTC")
            blank = fmt::format("{}: not a place, choose one", now);
    } else if (spec.kind == SettingKind::number && spec.max - spec.min < 5) {
        for (long long v = spec.min; v <= spec.max; ++v)
            choices.emplace_back(std::to_string(v), fmt::format("{} {}", spec.unit, v));
    } else {
        return text_field(form, spec.label, "value", hint,
                          spec.kind == SettingKind::number ? "number" : "text");
    }
    return select_field(form, spec.label, "value", choices, blank) +
           fmt::format("<div class=\"muted\">{}</div>", escape(hint));
}

} // namespace

std::string Site::users_page(Call& call, FormState& form)
{
    const ClinicClock& clock = call.clinic.clock();
    const std::vector<User> users = list_users(call.clinic);
    std::string body;
    auto name_of = [&](std::optional<std::int64_t> id) {
        for (const User& u : users)
            if (id && u.id == *id)
                return escape(u.name);
        return std::string();
    };
    if (auto id = id_param(call.http, "added"))
        body += ok_banner(fmt::format("User {} added.", name_of(id)));
    if (auto id = id_param(call.http, "passwd"))
        body += ok_banner(fmt::format("New password set for {}; their logins have ended.",
                                      name_of(id)));
    if (auto id = id_param(call.http, "disabled"))
        body += ok_banner(fmt::format("{} is disabled; their logins have ended.", name_of(id)));

    std::map<std::int64_t, std::string> therapists;
    Choices working;
    for (const Therapist& t : list_therapists(call.clinic)) {
        therapists[t.id] = t.name;
        if (t.active)
            working.emplace_back(std::to_string(t.id), t.name);
    }
    std::string rows;
    Choices active, others;
    for (const User& u : users) {
        rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                            escape(u.name), to_string(u.role),
                            u.therapist_id ? escape(therapists[*u.therapist_id]) : "",
                            clock.local_minutes(u.created_at),
                            u.disabled_at ? "disabled " + clock.local_minutes(*u.disabled_at)
                                          : "active");
        if (u.disabled_at)
            continue;
        active.emplace_back(u.name, u.name);
        if (u.id != call.login.user.id)
            others.emplace_back(u.name, u.name);
    }
    body += "<table tabindex=\"0\"><tr><th>Name</th><th>Role</th><th>Therapist</th><th>Since</th>"
            "<th>Status</th></tr>" +
            rows + "</table>";

    // Each form shows its own message and values; the others start blank.
    const std::string sent_to = form.error.empty() ? "" : call.http.path;
    FormState add, passwd, disable;
    for (auto [state, action, ids] : {std::tuple{&add, "/users", "add"},
                                      {&passwd, "/users/passwd", "passwd"},
                                      {&disable, "/users/disable", "disable"}}) {
        if (sent_to == action)
            *state = form;
        state->id_prefix = ids;
    }
    body += section("Add a user", add, "/users", call.viewer,
                    text_field(add, "Name they log in with", "name") +
                        select_field(add, "Role", "role", role_choices(), "choose a role") +
                        "<p class=\"muted\">" + escape(k_role_help) + "</p>" +
                        select_field(add, "Therapist (for a therapist's account)", "therapist",
                                     working, "none") +
                        password_fields(add),
                    "Add user");
    body += section("Set a password", passwd, "/users/passwd", call.viewer,
                    select_field(passwd, "User", "name", active, "choose a user") +
                        password_fields(passwd),
                    "Set password");
    // Choosing a user leads to a page that names the account and asks again.
    body += fmt::format("<h2>Disable a user</h2><form class=\"entry\" method=\"get\" "
                        "action=\"/users/disable\">{}{}<input type=\"submit\" "
                        "value=\"Disable…\"></form>",
                        select_field(disable, "User", "name", others, "choose a user"),
                        "<p class=\"muted\">The next page names the account and asks you to "
                        "confirm. Your own account is disabled from another owner's.</p>");
    return page("Users", &call.viewer, body);
}

std::string Site::disable_form(Call& call, FormState& form)
{
    const std::string name = form.value("name");
    if (name.empty()) {
        form.error = "choose the user to disable";
        form.error_field = "name";
        return users_page(call, form);
    }
    auto user = user_named(call.clinic, name);
    if (!user)
        throw NotFound(fmt::format("no user is named '{}'", name));
    const std::string back = "<p><a href=\"/users\">Keep the account and go back</a></p>";
    if (user->disabled_at)
        return page("User disabled", &call.viewer,
                    fmt::format("<p>{} was disabled {}.</p>{}", escape(user->name),
                                call.clinic.clock().local_minutes(*user->disabled_at), back));
    std::string therapist;
    if (user->therapist_id)
        for (const Therapist& t : list_therapists(call.clinic))
            if (t.id == *user->therapist_id)
                therapist = ", the account of therapist " + escape(t.name);
    if (user->id == call.login.user.id && form.error.empty()) {
        form.error = "you are logged in with this account; disable it from another owner's "
                     "account or the command line";
        form.error_field.clear();
    }
    const bool own = user->id == call.login.user.id;
    return page(
        fmt::format("Disable {}?", user->name), &call.viewer,
        form_error(form) +
            fmt::format("<p>{} ({}{}, since {}). Disabled, the account can no longer log in and "
                        "its logins end at once; it stays on record with everything it "
                        "entered.</p>",
                        escape(user->name), to_string(user->role), therapist,
                        call.clinic.clock().local_minutes(user->created_at)) +
            (own ? std::string()
                 : "<form class=\"entry\" method=\"post\" action=\"/users/disable\">" +
                       csrf_field(call.viewer) +
                       fmt::format("<input type=\"hidden\" name=\"name\" value=\"{}\">"
                                   "<input type=\"submit\" value=\"Disable {}\"></form>",
                                   escape(user->name), escape(user->name))) +
            back);
}

void Site::user_disable(Call& call, httplib::Response& res)
{
    FormState form(call.http);
    send_page(res, 200, disable_form(call, form));
}

void Site::users(Call& call, httplib::Response& res)
{
    FormState form;
    send_page(res, 200, users_page(call, form));
}

void Site::user_post(Call& call, httplib::Response& res)
{
    submit(
        call, res,
        [&](Clinic& clinic) {
            FormState form(call.http);
            std::string password = new_password(form);
            return app::enter_user(options_from(form, "user add"), password, clinic);
        },
        [&](FormState& form) { return users_page(call, form); },
        [](std::int64_t id) { return "/users?added=" + std::to_string(id); }, Commit::own);
}

void Site::user_passwd_post(Call& call, httplib::Response& res)
{
    submit(
        call, res,
        [&](Clinic& clinic) {
            FormState form(call.http);
            std::string password = new_password(form);
            return set_password(clinic, options_from(form, "user passwd")["name"].as<std::string>(),
                                password);
        },
        [&](FormState& form) { return users_page(call, form); },
        [](std::int64_t id) { return "/users?passwd=" + std::to_string(id); }, Commit::own);
}

void Site::user_disable_post(Call& call, httplib::Response& res)
{
    submit(
        call, res,
        [&](Clinic& clinic) {
            const std::string name =
                options_from(FormState(call.http), "user disable")["name"].as<std::string>();
            // Locking oneself out of the web is done from another owner's account.
            auto user = user_named(clinic, name);
            if (user && user->id == call.login.user.id)
                throw InputError("you are logged in with this account; disable it from another "
                                 "owner's account or the command line")
                    .about("name");
            return disable_user(clinic, name);
        },
        [&](FormState& form) {
            return user_named(call.clinic, form.value("name")) ? disable_form(call, form)
                                                               : users_page(call, form);
        },
        [](std::int64_t id) { return "/users?disabled=" + std::to_string(id); });
}

std::string Site::settings_page(Call& call, FormState& form)
{
    std::string body;
    if (const std::string changed = param(call.http, "changed"); !changed.empty())
        for (const SettingSpec& spec : setting_specs())
            if (spec.key == changed)
                body += ok_banner(fmt::format("{} is now {}{}.", escape(spec.label),
                                              escape(get_setting(call.clinic.db(), spec.key)),
                                              spec.unit.empty() ? "" : " " + escape(spec.unit)));
    const std::string sent = form.value("key");
    bool known = false;
    for (const SettingSpec& spec : setting_specs())
        known = known || spec.key == sent;
    // The summary on top links to the setting's own field (an unknown key,
    // from a hand-made request, has none).
    FormState summary = form;
    if (known) {
        summary.id_prefix = sent;
        summary.error_field = "value";
    }
    body += form_error(summary);
    body += "<p class=\"muted\">Each change is checked as <code>massagelog config set</code> "
            "checks it, and audited.</p>";
    for (const SettingSpec& spec : setting_specs()) {
        const std::string key(spec.key);
        FormState one;
        one.id_prefix = key;
        one.set("value", sent == key ? form.value("value")
                                     : get_setting(call.clinic.db(), spec.key));
        if (sent == key && !form.error.empty()) {
            one.error_field = "value";
            one.error = form.error;
        }
        body += fmt::format("<form class=\"entry setting\" method=\"post\" action=\"/settings\">"
                            "{}<input type=\"hidden\" name=\"key\" value=\"{}\">{}"
                            "<input type=\"submit\" value=\"Save\"></form>",
                            csrf_field(call.viewer), escape(key), setting_field(one, spec));
    }
    body += "<h2>Export</h2><p>Each table as the same CSV as <code>massagelog export</code> "
            "writes, audited:</p><ul>";
    for (Table t : {Table::clients, Table::therapists, Table::sessions, Table::reports,
                    Table::followups, Table::flag_reviews, Table::flags, Table::settings,
                    Table::audit})
        body += fmt::format("<li><a href=\"/export/{0}.csv\">{0}.csv</a> (<a "
                            "href=\"/export/{0}.csv?excel=1\">for a spreadsheet</a>)</li>",
                            to_string(t));
    body += "</ul>";
    return page("Settings and export", &call.viewer, body);
}

void Site::settings(Call& call, httplib::Response& res)
{
    FormState form;
    send_page(res, 200, settings_page(call, form));
}

void Site::setting_post(Call& call, httplib::Response& res)
{
    std::string key;
    submit(
        call, res,
        [&](Clinic& clinic) {
            FormState form(call.http);
            key = form.value("key");
            // Named as the key is stored ("clinic.timezone"), not as typed.
            key = std::string(setting_spec(key).key);
            try {
                set_setting(clinic, key, form.value("value"));
            } catch (InputError& e) {
                // About the form's one field, whatever the command line calls it.
                throw InputError(e.what(), e.hint()).about("value");
            }
            return std::int64_t{0};
        },
        [&](FormState& form) { return settings_page(call, form); },
        [&](std::int64_t) { return "/settings?changed=" + key; });
}

} // namespace massagelog::web
