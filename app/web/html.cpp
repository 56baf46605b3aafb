#include "web/html.hpp"

#include <massagelog/core/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace massagelog::web {

std::string escape_value(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string escape(std::string_view text)
{
    return escape_value(visible(valid_utf8(text)));
}

namespace {

struct NavLink {
    std::string_view href, label;
    bool therapist, front_desk; // the owner sees every link
};

constexpr NavLink k_nav[] = {
    {"/", "Today", true, true},
    {"/clients", "Clients", true, true},
    {"/sessions/new", "New session", true, false},
    {"/flags", "Flags", true, false},
    {"/followups", "Calls due", false, true},
    {"/users", "Users", false, false},
    {"/settings", "Settings", false, false},
};

bool may_see(const NavLink& link, Role role)
{
    return role == Role::owner || (role == Role::therapist ? link.therapist : link.front_desk);
}

} // namespace

std::string page(std::string_view title, const Viewer* viewer, std::string_view body)
{
    std::string header = "<header><strong>massagelog</strong>";
    if (viewer) {
        header += "<nav>";
        for (const NavLink& link : k_nav)
            if (may_see(link, viewer->role))
                header += fmt::format("<a href=\"{}\">{}</a>", link.href, link.label);
        header += "</nav>";
        header += fmt::format("<span class=\"who\">{} ({})</span>", escape(viewer->name),
                              to_string(viewer->role));
        header += fmt::format("<form method=\"post\" action=\"/logout\">{}<button>Log out</button>"
                              "</form>",
                              csrf_field(*viewer));
    }
    header += "</header>";
    return fmt::format("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                       "<title>{} - massagelog</title><link rel=\"stylesheet\" href=\"/style.css\">"
                       "<script src=\"/pick.js\" defer></script>"
                       "</head><body>{}<main><h1>{}</h1>\n{}</main></body></html>\n",
                       escape(title), header, escape(title), body);
}

std::string csrf_field(const Viewer& viewer)
{
    return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", escape(viewer.csrf));
}

FormState::FormState(const httplib::Request& request)
{
    // Fields are given back with invisible characters shown as "<U+202E>"
    // (field values below): what comes back is what was shown.
    // A password is never shown, so it comes back as typed.
    for (const auto& [name, value] : request.params)
        if (name != "csrf")
            m_values.emplace_back(name, name.starts_with("password") ? value : unvisible(value));
}

std::string FormState::value(const std::string& name, std::string_view fallback) const
{
    for (const auto& [n, v] : m_values)
        if (n == name)
            return v;
    return std::string(fallback);
}

bool FormState::has(const std::string& name, std::string_view value) const
{
    for (const auto& [n, v] : m_values)
        if (n == name && v == value)
            return true;
    return false;
}

std::vector<std::string> FormState::values(const std::string& name) const
{
    std::vector<std::string> out;
    for (const auto& [n, v] : m_values)
        if (n == name)
            out.push_back(v);
    return out;
}

std::vector<std::string> FormState::names() const
{
    std::vector<std::string> out;
    for (const auto& [n, v] : m_values)
        if (std::find(out.begin(), out.end(), n) == out.end())
            out.push_back(n);
    return out;
}

void FormState::set(const std::string& name, const std::string& value)
{
    for (auto& [n, v] : m_values)
        if (n == name) {
            v = value;
            return;
        }
    m_values.emplace_back(name, value);
}

void FormState::replace(const std::string& name, const std::vector<std::string>& values)
{
    std::erase_if(m_values, [&](const auto& nv) { return nv.first == name; });
    for (const auto& v : values)
        m_values.emplace_back(name, v);
}

std::string field_error(const FormState& form, const std::string& name)
{
    if (form.error.empty() || form.error_field != name)
        return {};
    return fmt::format("<p class=\"error\" id=\"{}-error\" role=\"alert\">{}</p>",
                       form.field_id(name), escape(form.error));
}

std::string FormState::field_id(const std::string& name) const
{
    return escape(id_prefix + "-" + name);
}

std::string form_error(const FormState& form)
{
    if (form.error.empty())
        return {};
    // At the top of the page, where a refused form opens, and focused: a
    // keyboard or screen reader lands on it, and its link leads to the field.
    const std::string what = form.error_field.empty()
                                 ? escape(form.error)
                                 : fmt::format("<a href=\"#{}\">{}</a>",
                                               form.field_id(form.error_field), escape(form.error));
    return fmt::format("<div class=\"error-summary\" id=\"{}-errors\" role=\"alert\" "
                       "tabindex=\"-1\" autofocus><h2>Not saved</h2><p>{}</p></div>\n",
                       escape(form.id_prefix), what);
}

namespace {

bool is_bad(const FormState& form, const std::string& name)
{
    return !form.error.empty() && form.error_field == name;
}

std::string field_open(const FormState& form, const std::string& name)
{
    return is_bad(form, name) ? "<div class=\"field has-error\">" : "<div class=\"field\">";
}

// What a refused field's control carries: that it is invalid, and where
// its message is.
std::string invalid_attributes(const FormState& form, const std::string& name)
{
    if (!is_bad(form, name))
        return {};
    return fmt::format(" aria-invalid=\"true\" aria-describedby=\"{}-error\"",
                       form.field_id(name));
}

} // namespace

std::string text_field(const FormState& form, std::string_view label, const std::string& name,
                       std::string_view hint, std::string_view type)
{
    const std::string id = form.field_id(name);
    return fmt::format("{}<label for=\"{}\">{}</label>{}<input type=\"{}\" id=\"{}\" "
                       "name=\"{}\"{} value=\"{}\">{}</div>\n",
                       field_open(form, name), id, escape(label), field_error(form, name), type,
                       id, escape(name), invalid_attributes(form, name),
                       type == "password" ? "" : escape(form.value(name)),
                       hint.empty() ? "" : fmt::format("<div class=\"muted\">{}</div>", escape(hint)));
}

std::string textarea_field(const FormState& form, std::string_view label, const std::string& name)
{
    const std::string id = form.field_id(name);
    return fmt::format("{}<label for=\"{}\">{}</label>{}<textarea id=\"{}\" name=\"{}\"{}>{}"
                       "</textarea></div>\n",
                       field_open(form, name), id, escape(label), field_error(form, name), id,
                       escape(name), invalid_attributes(form, name), escape(form.value(name)));
}

std::string select_field(const FormState& form, std::string_view label, const std::string& name,
                         const Choices& choices, std::string_view blank)
{
    std::string options;
    if (!blank.empty())
        options += fmt::format("<option value=\"\">{}</option>", escape(blank));
    const std::string chosen = form.value(name);
    for (const auto& [value, text] : choices)
        options += fmt::format("<option value=\"{}\"{}>{}</option>", escape_value(value),
                               value == chosen ? " selected" : "", escape(text));
    const std::string id = form.field_id(name);
    return fmt::format("{}<label for=\"{}\">{}</label>{}<select id=\"{}\" name=\"{}\"{}>{}"
                       "</select></div>\n",
                       field_open(form, name), id, escape(label), field_error(form, name), id,
                       escape(name), invalid_attributes(form, name), options);
}

std::string tri_field(const FormState& form, std::string_view label, const std::string& name,
                      std::string_view unknown)
{
    std::string out = fmt::format("<tr><th scope=\"row\">{}{}</th>", escape(label),
                                  field_error(form, name));
    const std::string chosen = form.value(name);
    for (auto [value, text] : {std::pair<std::string_view, std::string_view>{"yes", "yes"},
                               {"no", "no"},
                               {"", unknown}})
        out += fmt::format("<td><label><input type=\"radio\" name=\"{}\" value=\"{}\"{}> {}"
                           "</label></td>",
                           escape(name), value, chosen == value ? " checked" : "", text);
    return out + "</tr>\n";
}

std::string param(const httplib::Request& req, const char* name)
{
    return req.has_param(name) ? req.get_param_value(name) : std::string();
}

std::string query_value(std::string_view text)
{
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

std::optional<std::int64_t> id_param(const httplib::Request& req, const char* name)
{
    try {
        std::string v = param(req, name);
        if (!v.empty())
            return std::stoll(v);
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::string ok_banner(std::string_view text)
{
    return fmt::format("<p class=\"ok\" role=\"status\">{}</p>", text);
}

} // namespace massagelog::web
