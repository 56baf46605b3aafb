// The client picker and the recent sessions of a client (picker.hpp), and
// /clients/pick, the JSON the picker's script reads as a name is typed.

#include "web/picker.hpp"

#include "web/site.hpp"

#include <massagelog/core/text.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/records/sessions.hpp>
#include <massagelog/store/clinic.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <deque>

namespace massagelog::web {

namespace {

constexpr std::size_t k_picks = 10;
constexpr std::size_t k_recent_sessions = 10;

// What tells two clients of one name apart, as pick.js writes it too.
std::string pick_details(const Client& c)
{
    std::string out = fmt::format("client {}", c.id);
    if (c.phone)
        out += ", " + escape(*c.phone);
    if (c.birth_date)
        out += ", born " + escape(*c.birth_date);
    return out;
}

} // namespace

std::string client_finder(Clinic& clinic, std::string_view action, const std::string& find)
{
    std::string results;
    if (!find.empty()) {
        std::vector<Client> found = find_clients(clinic, find, k_picks + 1);
        for (std::size_t i = 0; i < found.size() && i < k_picks; ++i)
            results += fmt::format("<li><a href=\"{}?client={}\">{}</a> ({})</li>", action,
                                   found[i].id, escape(found[i].name), pick_details(found[i]));
        if (found.empty())
            results = "<li>No client matches.</li>";
        else if (found.size() > k_picks)
            results += "<li class=\"muted\">More match: type more of the name or number.</li>";
    }
    return fmt::format(
        "<form class=\"find\" method=\"get\" action=\"{}\" role=\"search\">"
        "<label for=\"find\">Find the client</label> <input type=\"search\" id=\"find\" "
        "name=\"find\" value=\"{}\" autocomplete=\"off\" data-pick=\"/clients/pick\" "
        "aria-controls=\"find-results\" aria-describedby=\"find-hint\"> "
        "<input type=\"submit\" value=\"Find\"><div class=\"muted\" id=\"find-hint\">part of the "
        "name, in any case and with or without accents, or of the phone number</div></form>"
        "<ul class=\"picks\" id=\"find-results\" aria-live=\"polite\">{}</ul>\n",
        action, escape(find), results);
}

std::string recent_sessions(Clinic& clinic, std::int64_t client_id)
{
    auto client = find_client(clinic, client_id);
    if (!client)
        return {};
    SessionFilter filter;
    filter.client_id = client_id;
    filter.include_voided = false;
    std::deque<Session> latest;
    each_session(clinic, filter, [&](const Session& s) {
        latest.push_front(s);
        if (latest.size() > k_recent_sessions)
            latest.pop_back();
    });
    if (latest.empty())
        return fmt::format("<p>{} has no sessions to report a reaction after.</p>",
                           escape(client->name));
    std::string items;
    for (const Session& s : latest) {
        std::string regions;
        for (const SessionRegion& r : s.regions)
            regions += (regions.empty() ? "; " : ", ") + to_string(r);
        items += fmt::format("<li><a href=\"/reports/new?session={}\">Session {}, {}</a>: {} at "
                             "pressure {}{}</li>",
                             s.id, s.id, clinic.clock().local_minutes(s.started_at),
                             escape(s.technique), s.pressure, escape(regions));
    }
    return fmt::format("<section class=\"recent\" aria-label=\"Recent sessions\"><p>The session "
                       "the reaction followed, for {} (latest first):</p><ul>{}</ul></section>\n",
                       escape(client->name), items);
}

void Site::client_pick(Call& call, httplib::Response& res)
{
    const std::string text = param(call.http, "q");
    nlohmann::json clients = nlohmann::json::array();
    bool more = false;
    if (!text.empty()) {
        std::vector<Client> found = find_clients(call.clinic, text, k_picks + 1);
        more = found.size() > k_picks;
        for (std::size_t i = 0; i < found.size() && i < k_picks; ++i) {
            // As every page shows text: invisible and bidi characters named.
            auto shown = [](const std::optional<std::string>& text) {
                return text ? nlohmann::json(visible(valid_utf8(*text))) : nlohmann::json(nullptr);
            };
            const Client& c = found[i];
            clients.push_back({{"id", c.id},
                               {"name", visible(valid_utf8(c.name))},
                               {"phone", shown(c.phone)},
                               {"birth_date", shown(c.birth_date)}});
        }
    }
    send_json(res, 200,
              nlohmann::json{{"clients", clients}, {"more", more}}.dump(
                  -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

} // namespace massagelog::web
