// The gate every request passes: the headers every answer carries, its
// Host, whether its body may be read and how, and what the server answers
// when a request overran a limit or failed (SPEC 8, "bounded under abuse").

#include "web/site.hpp"

#include <massagelog/core/error.hpp>

#include <fmt/format.h>

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <iostream>

namespace massagelog::web {

// What an answer the server made without a page of its own says.
std::string_view status_words(int status)
{
    switch (status) {
    case 404: return "there is no such page";
    case 405: return "that is not done to this page";
    case 408: return "the request came too slowly; send it again";
    case 411: return "a form must say its length (Content-Length) or be sent in chunks";
    case 413: return "the request is larger than the server takes (a form at most 4 MiB; notes "
                     "at most 1 MiB)";
    case 414: return "the address is too long";
    case 415: return "the server takes forms (application/x-www-form-urlencoded), plain or "
                     "compressed with gzip, deflate or br";
    case 421: return "this server does not answer for that host name; use the address it was "
                     "started with";
    case 431: return "the request's headers are larger than the server takes (64 KiB)";
    default:
        return status >= 500 ? "the server could not answer this request; the details are in "
                               "the server's log"
                             : "the request could not be read";
    }
}

namespace {

// Refuses a request whose body is left unread: the connection ends after
// the answer, so that what is left of the body is never read as a request.
void refuse_and_close(const httplib::Request& req, httplib::Response& res, int status)
{
    if (Connection* c = Connection::current())
        c->close_after_answer();
    res.set_header("Connection", "close");
    refuse(req, res, status, status_words(status));
}

// A request's text as the server's log shows it: one line, printable.
std::string loggable(std::string_view text)
{
    std::string out;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
            out += fmt::format("\\x{:02x}", u);
        else
            out += c;
    }
    return out;
}

} // namespace

void Site::guard(httplib::Server& server)
{
    server.set_post_routing_handler([this](const httplib::Request&, httplib::Response& res) {
        res.set_header("Content-Security-Policy",
                       "default-src 'self'; frame-ancestors 'none'; form-action 'self'; "
                       "base-uri 'none'");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("X-Frame-Options", "DENY");
        res.set_header("Referrer-Policy", "no-referrer");
        res.set_header("Cache-Control", "no-store");
        if (m_tls)
            res.set_header("Strict-Transport-Security", "max-age=31536000");
    });
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        return admit(req, res) ? httplib::Server::HandlerResponse::Unhandled
                               : httplib::Server::HandlerResponse::Handled;
    });
    // The answers cpp-httplib makes itself (a request it could not read, a
    // page that is not there) get a page, or {"error"}, like every other.
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                     httplib::Response& res) {
        if (!res.body.empty())
            return httplib::Server::HandlerResponse::Unhandled; // the site's own answer
        if (Connection* c = Connection::current()) {
            switch (c->overrun()) {
            case Overrun::headers: res.status = 431; break;
            case Overrun::body: res.status = 413; break;
            case Overrun::time: res.status = 408; break;
            case Overrun::none: break;
            }
            if (c->overrun() != Overrun::none)
                c->close_after_answer();
        }
        refuse(req, res, res.status, status_words(res.status));
        return httplib::Server::HandlerResponse::Handled;
    }));
    // A 5xx says nothing of the server's insides; its detail goes to the
    // server's log (standard error).
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                    std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (const InputError& e) {
            return refuse(req, res, 400, e.what());
        } catch (const NotFound& e) {
            return refuse(req, res, 404, e.what());
        } catch (const std::exception& e) {
            std::cerr << "massagelog-web: " << loggable(req.method) << ' ' << loggable(req.path)
                      << ": " << loggable(e.what()) << '\n';
        } catch (...) {
            std::cerr << "massagelog-web: " << loggable(req.method) << ' ' << loggable(req.path)
                      << ": an unknown exception\n";
        }
        refuse(req, res, 500, status_words(500));
    });
}

std::int64_t path_id(const Call& call)
{
    const std::string text = call.http.matches[1];
    std::int64_t id = 0;
    auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (err != std::errc() || end != text.data() + text.size())
        throw NotFound(fmt::format("{}: no such record", quote_value(text)));
    return id;
}

bool Site::host_allowed(const std::string& host) const
{
    // "name", "name:port", "[v6]" or "[v6]:port"; names are not case sensitive.
    std::string name = host;
    if (name.starts_with('[')) {
        auto close = name.find(']');
        name = close == std::string::npos ? "" : name.substr(1, close - 1);
    } else if (std::count(name.begin(), name.end(), ':') == 1) {
        name = name.substr(0, name.find(':'));
    }
    if (!name.empty() && name.back() == '.')
        name.pop_back();
    name = to_lower(name);
    return !name.empty() &&
           std::find(m_allowed_hosts.begin(), m_allowed_hosts.end(), name) != m_allowed_hosts.end();
}

std::string Site::client_address(const httplib::Request& req) const
{
    if (m_limits.proxy.empty() || req.remote_addr != m_limits.proxy ||
        req.get_header_value_count("X-Real-IP") != 1)
        return req.remote_addr;
    const std::string named = req.get_header_value("X-Real-IP");
    in6_addr any{};
    if (::inet_pton(AF_INET, named.c_str(), &any) != 1 &&
        ::inet_pton(AF_INET6, named.c_str(), &any) != 1)
        return req.remote_addr; // not an address: the proxy's own stands
    return named;
}

bool Site::admit(const httplib::Request& req, httplib::Response& res) const
{
    if (req.get_header_value_count("Host") != 1 || !host_allowed(req.get_header_value("Host"))) {
        refuse_and_close(req, res, 421);
        return false;
    }
    const bool sized = req.has_header("Content-Length");
    const bool chunked = req.has_header("Transfer-Encoding");
    std::uint64_t length = 0;
    if (sized) {
        const std::string text = req.get_header_value("Content-Length");
        auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), length);
        if (err == std::errc::result_out_of_range)
            length = UINT64_MAX;
        else if (err != std::errc() || end != text.data() + text.size() ||
                 req.get_header_value_count("Content-Length") != 1 || chunked) {
            refuse_and_close(req, res, 400);
            return false;
        }
    }
    if (req.method != "POST") {
        // Only forms have a body here.
        if (chunked || length > 0) {
            refuse_and_close(req, res, 413);
            return false;
        }
        return true;
    }
    if (!sized && !chunked) {
        refuse_and_close(req, res, 411);
        return false;
    }
    if (length > m_limits.body_bytes) {
        refuse_and_close(req, res, 413);
        return false;
    }
    // A compressed form is decoded as it is read, and counted decoded.
    const std::string type = req.get_header_value("Content-Type");
    if (!type.starts_with("application/x-www-form-urlencoded")) {
        refuse_and_close(req, res, 415);
        return false;
    }
    if (Connection* c = Connection::current())
        c->body_begins();
    return true;
}

std::optional<httplib::Request> Site::read_form(const httplib::Request& req,
                                                httplib::Response& res,
                                                const httplib::ContentReader& reader) const
{
    std::string body;
    bool over = false;
    bool read = reader([&](const char* data, std::size_t n) {
        if (body.size() + n > m_limits.body_bytes) {
            over = true;
            return false;
        }
        body.append(data, n);
        return true;
    });
    Connection* c = Connection::current();
    if (over || (c && c->overrun() == Overrun::body)) {
        refuse_and_close(req, res, 413);
        return std::nullopt;
    }
    if (!read) {
        // cpp-httplib says 415 for an encoding it cannot decode.
        refuse_and_close(req, res, res.status == 415                           ? 415
                                   : c && c->overrun() == Overrun::time ? 408
                                                                        : 400);
        return std::nullopt;
    }
    httplib::Request form = req;
    httplib::detail::parse_query_text(body, form.params);
    return form;
}

} // namespace massagelog::web
