#pragma once
// The web entry (massagelog serve, SPEC 8): its routes, who may follow
// them, and the login, CSRF and header rules every request passes through.
// Pages read and write through the same lib functions and option parsing
// as the command line; nothing here runs SQL.

#include "web/board.hpp"
#include "web/connection.hpp"
#include "web/html.hpp"

#include <massagelog/access/accounts.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/store/clinic.hpp>
#include <massagelog/store/group_commit.hpp>

#include <boost/program_options.hpp>
#include <httplib.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace massagelog::web {

// Roles that may follow a route, as a set; the owner may follow every one.
enum RoleSet : unsigned { therapists = 1, front_desk = 2, owners_only = 0 };

// Open connections to the clinic's file, one per request in flight: a
// connection serves one request after another.
class ClinicPool {
public:
    ClinicPool(std::string path, std::string tz_flag);
    class Lease {
    public:
        Lease(ClinicPool& pool, std::unique_ptr<Clinic> clinic);
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Clinic& operator*() { return *m_clinic; }
        Clinic* operator->() { return m_clinic.get(); }

    private:
        ClinicPool& m_pool;
        std::unique_ptr<Clinic> m_clinic;
    };
    Lease take();

private:
    std::string m_path, m_tz;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Clinic>> m_free;
};

// A page asked for something that is not there (an unknown client's id in
// the path): answered 404.
class NotFound : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One request from a logged-in user.
struct Call {
    const httplib::Request& http;
    Clinic& clinic;
    Login login;
    Viewer viewer;
    bool json; // the client asked for JSON answers
};

// The client of a page's path; NotFound when there is none.
Client known_client(Clinic& clinic, std::int64_t id);
// The id a page's path names ("/clients/ID"); NotFound when it is not one.
std::int64_t path_id(const Call& call);

// How the server is reached: the names a request's Host may give, and the
// limits of its connections.
struct SiteOptions {
    std::string db_path;
    std::string tz_flag;
    bool tls = false;
    // Host names (or addresses) the server answers for; any other gets 421.
    std::vector<std::string> allowed_hosts;
    Limits limits;
};

class Site {
public:
    explicit Site(SiteOptions options);
    // Adds every route and the headers every answer carries.
    void mount(httplib::Server& server);

private:
    // The headers every answer carries, the gate before routing, and the
    // answers to requests that overran a limit or failed (gate.cpp).
    void guard(httplib::Server& server);
    // Before a request is routed: its Host, and whether its body may be
    // read (a form of at most limits.body_bytes); false when it is answered.
    bool admit(const httplib::Request& req, httplib::Response& res) const;
    bool host_allowed(const std::string& host) const;
    // The address a request comes from: its peer's, or, from the trusted
    // proxy (limits.proxy), the one its X-Real-IP header names.
    std::string client_address(const httplib::Request& req) const;
    // A form's body, read within the limit, as the request's params;
    // nothing when the request was answered (413, 400, 408).
    std::optional<httplib::Request> read_form(const httplib::Request& req, httplib::Response& res,
                                              const httplib::ContentReader& reader) const;

    using Handler = void (Site::*)(Call& call, httplib::Response& res);
    void get(httplib::Server& server, const char* pattern, unsigned roles, Handler handler);
    void post(httplib::Server& server, const char* pattern, unsigned roles, Handler handler);
    void serve(const httplib::Request& req, httplib::Response& res, unsigned roles, bool post,
               Handler handler);

    // How a write is committed: in a group with the writes of other
    // requests, or in a transaction of its own, for one that spends long
    // outside SQLite (hashing a password) and must not hold a group up.
    enum class Commit { grouped, own };
    // Runs a write (returning the new row's id); `write` works on the Clinic
    // it is given, which in a group may be another request's connection.
    // Once it is committed, answers 201 {"id"} or a redirect to `next(id)`;
    // on bad input 422 {"error","field"} or the form again, from
    // `form(state)`. `read_first`, when given, runs on the request's own
    // connection before the write, outside any transaction: what a write
    // can read beforehand keeps the group's one connection free.
    void submit(Call& call, httplib::Response& res,
                const std::function<std::int64_t(Clinic&)>& write,
                const std::function<std::string(FormState&)>& form,
                const std::function<std::string(std::int64_t)>& next,
                Commit commit = Commit::grouped, const std::function<void()>& read_first = {});
    // The options of command `name` (e.g. "session add") read from a form
    // whose fields are named like them; InputError names the field. A blank
    // field is an option not given, unless `Blanks::given` (an edit form,
    // where emptying a field clears it).
    enum class Blanks { skipped, given };
    boost::program_options::variables_map options_from(const FormState& form,
                                                       std::string_view command,
                                                       Blanks blanks = Blanks::skipped) const;

    // Login and logout.
    void login_page(const httplib::Request& req, httplib::Response& res);
    // The login form with a fresh token, in its field and its cookie.
    void send_login_form(httplib::Response& res, int status, const FormState& form);
    void login_post(const httplib::Request& req, httplib::Response& res);
    void logout(Call& call, httplib::Response& res);

    // Pages (pages_lists.cpp).
    void today(Call& call, httplib::Response& res);
    void clients(Call& call, httplib::Response& res);
    void client_page(Call& call, httplib::Response& res);
    void flags(Call& call, httplib::Response& res);
    void review_post(Call& call, httplib::Response& res);
    void followups(Call& call, httplib::Response& res);
    void followup_post(Call& call, httplib::Response& res);
    void export_csv_file(Call& call, httplib::Response& res);

    // Entry forms (pages_entry.cpp).
    void client_new(Call& call, httplib::Response& res);
    void client_post(Call& call, httplib::Response& res);
    std::string client_form(Call& call, FormState& form,
                            std::optional<std::int64_t> id = std::nullopt);
    void client_edit(Call& call, httplib::Response& res);
    void client_edit_post(Call& call, httplib::Response& res);
    void session_new(Call& call, httplib::Response& res);
    void session_post(Call& call, httplib::Response& res);
    std::string session_form(Call& call, FormState& form);
    // The health history form (pages_care.cpp).
    void health_new(Call& call, httplib::Response& res);
    void health_post(Call& call, httplib::Response& res);
    std::string health_form(Call& call, FormState& form, std::int64_t client_id);
    // The owner's corrections (pages_corrections.cpp).
    void session_void(Call& call, httplib::Response& res);
    void session_void_post(Call& call, httplib::Response& res);
    std::string void_form(Call& call, FormState& form, std::int64_t id);
    void client_archive(Call& call, httplib::Response& res);
    void client_archive_post(Call& call, httplib::Response& res);
    void client_unarchive_post(Call& call, httplib::Response& res);
    std::string archive_form(Call& call, FormState& form, std::int64_t id);
    // The owner's pages: accounts and settings.
    void users(Call& call, httplib::Response& res);
    std::string users_page(Call& call, FormState& form);
    void user_post(Call& call, httplib::Response& res);
    void user_passwd_post(Call& call, httplib::Response& res);
    void user_disable(Call& call, httplib::Response& res);
    void user_disable_post(Call& call, httplib::Response& res);
    std::string disable_form(Call& call, FormState& form);
    void settings(Call& call, httplib::Response& res);
    std::string settings_page(Call& call, FormState& form);
    void setting_post(Call& call, httplib::Response& res);
    void report_new(Call& call, httplib::Response& res);
    void client_pick(Call& call, httplib::Response& res); // picker.cpp
    void referral(Call& call, httplib::Response& res);    // pages_referral.cpp
    void report_post(Call& call, httplib::Response& res);
    std::string report_form(Call& call, FormState& form);

    ClinicPool m_pool;
    // What the pages that list the whole clinic read (today, flags, calls).
    BoardKeeper m_boards{m_pool};
    bool m_tls;
    std::vector<std::string> m_allowed_hosts;
    Limits m_limits;
    // The connection the form posts' groups are written on: the only one
    // of the server that writes them, so its page cache stays warm.
    ClinicPool::Lease m_writer{m_pool.take()};
    // The form posts' writes, committed in groups. Other writes (logins, the
    // audit row of an export, accounts) keep a transaction of their own,
    // which SQLite orders with the groups'.
    GroupCommit m_commits{64, &*m_writer};
};

// The form field a lib column is typed in: the command line's option
// without its dashes ("at" for started_at).
std::string form_label(std::string_view column);
// A next step as the page to open ("Clients").
std::string page_next(Next step, std::string_view arg);

// Answers helpers shared by the pages.
void send_page(httplib::Response& res, int status, const std::string& html);
void send_json(httplib::Response& res, int status, const std::string& json);
void redirect(httplib::Response& res, const std::string& to);
// A refusal: a short page, or {"error"} for a client that asked for JSON.
void refuse(const httplib::Request& req, httplib::Response& res, int status,
            std::string_view message, const Viewer* viewer = nullptr);
// What an answer the server made without a page of its own says (gate.cpp).
std::string_view status_words(int status);

} // namespace massagelog::web
