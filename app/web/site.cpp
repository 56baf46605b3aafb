#include "web/site.hpp"

#include "command.hpp"
#include "web/assets.hpp"

#include <massagelog/core/error.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>


namespace massagelog::web {

namespace po = boost::program_options;

namespace {

constexpr const char* k_cookie = "massagelog_login";
// The login form's own token, sent back in its `csrf` field: a login posted
// from another site has not got it (SameSite=Strict), so nobody can log a
// browser into their account from elsewhere.
constexpr const char* k_form_cookie = "massagelog_form";
constexpr const char* k_stale_login =
    "the login form is out of date or did not come from this site; log in again here";

std::string cookie_value(const httplib::Request& req, std::string_view name)
{
    const std::string header = req.get_header_value("Cookie");
    std::string_view rest = header;
    while (!rest.empty()) {
        auto end = rest.find(';');
        std::string_view part = rest.substr(0, end);
        while (!part.empty() && part.front() == ' ')
            part.remove_prefix(1);
        if (part.size() > name.size() && part.substr(0, name.size()) == name &&
            part[name.size()] == '=')
            return std::string(part.substr(name.size() + 1));
        if (end == std::string_view::npos)
            break;
        rest.remove_prefix(end + 1);
    }
    return {};
}

bool wants_json(const httplib::Request& req)
{
    return req.get_header_value("Accept").find("application/json") != std::string::npos;
}

std::string json_error(std::string_view message, std::string_view field = {})
{
    nlohmann::json j = {{"error", message}};
    if (!field.empty())
        j["field"] = field;
    // A message may quote bytes that are not UTF-8: they are replaced, never
    // a reason not to answer.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool allowed(unsigned roles, Role role)
{
    return role == Role::owner || (role == Role::therapist && (roles & therapists)) ||
           (role == Role::front_desk && (roles & front_desk));
}

// The name someone typed, as the audit's actor: "anonymous" when it is
// not one short line.
std::string actor_name(const std::string& typed)
{
    try {
        std::string name = checked_text(user_name_key(typed), "name", TextKind::line);
        return name.empty() || name.size() > 100 ? "anonymous" : name;
    } catch (const InputError&) {
        return "anonymous";
    }
}

// An InputError's field as the form names it ("--at" from an option
// parser is the form's "at"), and its message worded the same way.
std::pair<std::string, std::string> form_words(const InputError& e)
{
    std::string field = e.field();
    std::string message = e.what();
    if (field.starts_with("--")) {
        field.erase(0, 2);
        if (message.starts_with("--"))
            message.erase(0, 2);
    }
    if (!e.hint().empty())
        message += " (" + e.hint() + ")";
    return {field, message};
}

std::string login_html(const FormState& form, const std::string& token)
{
    return page("Log in", nullptr,
                form_error(form) + "<form class=\"entry\" method=\"post\" action=\"/login\">" +
                    "<input type=\"hidden\" name=\"csrf\" value=\"" + token + "\">" +
                    text_field(form, "Name", "name") +
                    text_field(form, "Password", "password", {}, "password") +
                    "<input type=\"submit\" value=\"Log in\"></form>");
}

} // namespace

void refuse(const httplib::Request& req, httplib::Response& res, int status,
            std::string_view message, const Viewer* viewer)
{
    if (wants_json(req))
        send_json(res, status, json_error(message));
    else
        send_page(res, status,
                  page(status == 403 ? "Not allowed" : status >= 500 ? "Server error" : "Refused", viewer,
                       fmt::format("<p class=\"banner\">{}</p>", escape(message))));
}

std::string form_label(std::string_view column)
{
    return app::flag_label(column).substr(2);
}

std::string page_next(Next step, std::string_view arg)
{
    switch (step) {
    case Next::list_clients:
    case Next::find_client: return "Clients";
    case Next::list_sessions: return "the client's page for their sessions";
    case Next::calls_due: return "Calls due";
    case Next::client_flags: return fmt::format("the flags of client {} on Flags", arg);
    default: return plain_next(step, arg);
    }
}

void send_page(httplib::Response& res, int status, const std::string& html)
{
    res.status = status;
    res.set_content(html, "text/html; charset=utf-8");
}

void send_json(httplib::Response& res, int status, const std::string& json)
{
    res.status = status;
    res.set_content(json, "application/json");
}

void redirect(httplib::Response& res, const std::string& to)
{
    res.status = 303;
    res.set_header("Location", to);
}

ClinicPool::ClinicPool(std::string path, std::string tz_flag)
    : m_path(std::move(path)), m_tz(std::move(tz_flag))
{
}

ClinicPool::Lease::Lease(ClinicPool& pool, std::unique_ptr<Clinic> clinic)
    : m_pool(pool), m_clinic(std::move(clinic))
{
}

ClinicPool::Lease::~Lease()
{
    std::lock_guard lock(m_pool.m_mutex);
    m_pool.m_free.push_back(std::move(m_clinic));
}

ClinicPool::Lease ClinicPool::take()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_free.empty()) {
            auto clinic = std::move(m_free.back());
            m_free.pop_back();
            return Lease(*this, std::move(clinic));
        }
    }
    auto clinic = std::make_unique<Clinic>(
        ClinicOptions{m_path, m_tz, "web", OpenMode::read_write, std::nullopt, {form_label, page_next}});
    return Lease(*this, std::move(clinic));
}

Site::Site(SiteOptions options)
    : m_pool(std::move(options.db_path), std::move(options.tz_flag)), m_tls(options.tls),
      m_allowed_hosts(std::move(options.allowed_hosts)), m_limits(options.limits)
{
    for (std::string& host : m_allowed_hosts)
        host = to_lower(host);
}

void Site::mount(httplib::Server& server)
{
    m_boards.start();
    guard(server);
    for (const Asset& asset : assets())
        server.Get(std::string(asset.path), [&asset](const httplib::Request&, httplib::Response& res) {
            const bool script = asset.path.ends_with(".js");
            res.set_content(std::string(asset.text),
                            script ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
        });
    server.Get("/login", [this](const httplib::Request& req, httplib::Response& res) {
        login_page(req, res);
    });
    server.Post("/login", [this](const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader) {
        if (auto form = read_form(req, res, reader))
            login_post(*form, res);
    });
    post(server, "/logout", therapists | front_desk, &Site::logout);
    get(server, "/", therapists | front_desk, &Site::today);
    get(server, "/clients", therapists | front_desk, &Site::clients);
    get(server, "/clients/new", front_desk, &Site::client_new);
    post(server, "/clients", front_desk, &Site::client_post);
    get(server, R"(/clients/(\d+))", therapists, &Site::client_page);
    get(server, R"(/clients/(\d+)/edit)", front_desk, &Site::client_edit);
    post(server, R"(/clients/(\d+)/edit)", front_desk, &Site::client_edit_post);
    get(server, R"(/clients/(\d+)/health)", therapists | front_desk, &Site::health_new);
    post(server, R"(/clients/(\d+)/health)", therapists | front_desk, &Site::health_post);
    get(server, R"(/clients/(\d+)/archive)", owners_only, &Site::client_archive);
    post(server, R"(/clients/(\d+)/archive)", owners_only, &Site::client_archive_post);
    get(server, R"(/clients/(\d+)/referral\.(pdf|html|json))", therapists, &Site::referral);
    post(server, R"(/clients/(\d+)/unarchive)", owners_only, &Site::client_unarchive_post);
    get(server, R"(/sessions/(\d+)/void)", owners_only, &Site::session_void);
    post(server, R"(/sessions/(\d+)/void)", owners_only, &Site::session_void_post);
    get(server, "/clients/pick", therapists, &Site::client_pick);
    get(server, "/sessions/new", therapists, &Site::session_new);
    post(server, "/sessions", therapists, &Site::session_post);
    get(server, "/reports/new", therapists, &Site::report_new);
    post(server, "/reports", therapists, &Site::report_post);
    get(server, "/flags", therapists, &Site::flags);
    post(server, "/flags/review", owners_only, &Site::review_post);
    get(server, "/followups", front_desk, &Site::followups);
    post(server, "/followups", front_desk, &Site::followup_post);
    get(server, R"(/export/([a-z_]+)\.csv)", owners_only, &Site::export_csv_file);
    get(server, "/users", owners_only, &Site::users);
    post(server, "/users", owners_only, &Site::user_post);
    post(server, "/users/passwd", owners_only, &Site::user_passwd_post);
    get(server, "/users/disable", owners_only, &Site::user_disable);
    post(server, "/users/disable", owners_only, &Site::user_disable_post);
    get(server, "/settings", owners_only, &Site::settings);
    post(server, "/settings", owners_only, &Site::setting_post);
}

void Site::get(httplib::Server& server, const char* pattern, unsigned roles, Handler handler)
{
    server.Get(pattern, [=, this](const httplib::Request& req, httplib::Response& res) {
        serve(req, res, roles, false, handler);
    });
}

void Site::post(httplib::Server& server, const char* pattern, unsigned roles, Handler handler)
{
    server.Post(pattern, [=, this](const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader& reader) {
        if (auto form = read_form(req, res, reader))
            serve(*form, res, roles, true, handler);
    });
}

void Site::serve(const httplib::Request& req, httplib::Response& res, unsigned roles, bool post,
                 Handler handler)
{
    auto clinic = m_pool.take();
    const std::string os_user = "web:" + client_address(req);
    clinic->act_as({"anonymous", os_user}, current_instant());
    auto login = find_login(*clinic, cookie_value(req, k_cookie));
    if (!login) {
        if (post || wants_json(req))
            return refuse(req, res, 401, "log in first");
        return redirect(res, "/login");
    }
    Viewer viewer{login->user.name, login->user.role, login->csrf};
    if (post && !same_secret(param(req, "csrf"), login->csrf))
        return refuse(req, res, 403, "the form is out of date or did not come from this site; "
                                     "reload the page and send it again", &viewer);
    if (!allowed(roles, login->user.role))
        return refuse(req, res, 403,
                      fmt::format("a {} account may not do this", to_string(login->user.role)),
                      &viewer);
    clinic->act_as({login->user.name, os_user}, clinic->clock().now());
    Call call{req, *clinic, *login, viewer, wants_json(req)};
    (this->*handler)(call, res);
}

void Site::submit(Call& call, httplib::Response& res,
                  const std::function<std::int64_t(Clinic&)>& write,
                  const std::function<std::string(FormState&)>& form,
                  const std::function<std::string(std::int64_t)>& next, Commit commit,
                  const std::function<void()>& read_first)
{
    FormState state(call.http);
    try {
        if (read_first)
            read_first();
        std::int64_t id = 0;
        if (commit == Commit::grouped)
            m_commits.run(call.clinic, [&](Clinic& clinic) { id = write(clinic); });
        else
            id = write(call.clinic); // BEGIN IMMEDIATE waits its turn with the groups'
        if (call.json)
            return send_json(res, 201, nlohmann::json{{"id", id}}.dump());
        redirect(res, next(id));
    } catch (const InputError& e) {
        auto [field, message] = form_words(e);
        if (call.json)
            return send_json(res, 422, json_error(message, field));
        state.error_field = field;
        state.error = message;
        send_page(res, 422, form(state));
    }
}

po::variables_map Site::options_from(const FormState& form, std::string_view command,
                                     Blanks blanks) const
{
    const app::Command* cmd = nullptr;
    for (const app::Command& c : app::command_table())
        if (c.name == command)
            cmd = &c;
    if (!cmd)
        throw std::logic_error("options_from: no command " + std::string(command));
    po::options_description options;
    cmd->options(options);
    for (auto name : cmd->positional)
        options.add_options()(std::string(name).c_str(), po::value<std::string>());
    std::vector<std::string> args;
    for (const auto& d : options.options()) {
        // A form reads no file on the server: notes come in the notes field.
        if (d->long_name() == "notes-file")
            continue;
        for (const std::string& v : form.values(d->long_name())) {
            if (v.empty() && blanks == Blanks::skipped)
                continue; // a field left blank is an option not given
            args.push_back("--" + d->long_name());
            // A switch (--despite-flags) is a ticked checkbox: no value.
            if (d->semantic()->max_tokens() > 0)
                args.push_back(v);
            else if (v.empty())
                args.pop_back();
        }
    }
    po::variables_map vm;
    try {
        int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
        po::store(po::command_line_parser(args).options(options).style(style).run(), vm);
    } catch (const po::error& e) {
        throw InputError(e.what());
    }
    for (const auto& d : options.options())
        if (d->semantic()->is_required() && !vm.count(d->long_name()))
            throw InputError(fmt::format("{} is required", d->long_name())).about(d->long_name());
    for (auto name : cmd->positional)
        if (!vm.count(std::string(name)))
            throw InputError(fmt::format("{} is required", name)).about(name);
    return vm;
}

void Site::login_page(const httplib::Request& req, httplib::Response& res)
{
    FormState form;
    form.set("name", param(req, "name"));
    send_login_form(res, 200, form);
}

void Site::send_login_form(httplib::Response& res, int status, const FormState& form)
{
    const std::string token = random_token();
    res.set_header("Set-Cookie",
                   fmt::format("{}={}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=86400{}",
                               k_form_cookie, token, m_tls ? "; Secure" : ""));
    send_page(res, status, login_html(form, token));
}

void Site::login_post(const httplib::Request& req, httplib::Response& res)
{
    const std::string name = param(req, "name");
    const std::string password = param(req, "password");
    const std::string token = param(req, "csrf");
    if (token.empty() || !same_secret(token, cookie_value(req, k_form_cookie))) {
        // Nothing is checked or counted: the name's owner did not send it.
        if (wants_json(req))
            return send_json(res, 403, json_error(k_stale_login));
        FormState form;
        form.set("name", name);
        form.error = k_stale_login;
        return send_login_form(res, 403, form);
    }
    auto clinic = m_pool.take();
    const std::string address = client_address(req);
    clinic->act_as({actor_name(name), "web:" + address}, current_instant());
    // Not in a group commit: checking the password takes a tenth of a
    // second and happens before log_in's short write, which waits its turn
    // with the groups in SQLite.
    LoginAttempt attempt = log_in(*clinic, name, password, address);
    FormState form;
    form.set("name", name);
    int status = 200;
    switch (attempt.outcome) {
    case LoginAttempt::Outcome::ok:
        res.set_header("Set-Cookie",
                       fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}", k_cookie,
                                   attempt.token, m_tls ? "; Secure" : ""));
        if (wants_json(req))
            return send_json(res, 200, "{}");
        return redirect(res, "/");
    case LoginAttempt::Outcome::refused:
        status = 401;
        form.error = "wrong name or password";
        break;
    case LoginAttempt::Outcome::locked:
        status = 429;
        form.error = fmt::format("too many failed logins {}: logins are refused until {}",
                                 attempt.address_locked ? "from this device" : "for this name",
                                 clinic->clock().local_minutes(*attempt.locked_until));
        break;
    }
    if (wants_json(req))
        return send_json(res, status, json_error(form.error));
    send_login_form(res, status, form);
}

void Site::logout(Call& call, httplib::Response& res)
{
    log_out(call.clinic, call.login);
    res.set_header("Set-Cookie", fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
                                             k_cookie, m_tls ? "; Secure" : ""));
    redirect(res, "/login");
}

} // namespace massagelog::web
