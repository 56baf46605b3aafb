#pragma once
// HTML for the web pages: escaping, the page around every view, and the
// labelled form fields that show a refused value again with its message.

#include <massagelog/access/accounts.hpp>

#include <httplib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace massagelog::web {

// Text for HTML, in element content or a quoted attribute, with invisible
// and bidirectional characters shown as <U+202E> (core/text.hpp).
std::string escape(std::string_view text);
// The same without showing invisible characters: a form's value given back
// as it was typed.
std::string escape_value(std::string_view text);

// Who is looking at a page, for its header and its forms.
struct Viewer {
    std::string name;
    Role role = Role::therapist;
    std::string csrf;
};

// A whole page: the header with the links `viewer`'s role may follow (none
// when nobody is logged in), `title` and `body`.
std::string page(std::string_view title, const Viewer* viewer, std::string_view body);

// The hidden field every form of a login carries.
std::string csrf_field(const Viewer& viewer);

// A form's values as sent, and the message about one of its fields: a
// refused form is shown again with both.
class FormState {
public:
    FormState() = default;
    explicit FormState(const httplib::Request& request);
    // The first value sent for `name`, else `fallback`.
    std::string value(const std::string& name, std::string_view fallback = {}) const;
    bool has(const std::string& name, std::string_view value) const;
    std::vector<std::string> values(const std::string& name) const;
    // Every field name sent, each once, in the order first sent.
    std::vector<std::string> names() const;
    void set(const std::string& name, const std::string& value);
    // Every value of `name` replaced by `values`.
    void replace(const std::string& name, const std::vector<std::string>& values);

    std::string error_field; // empty: about the form as a whole
    std::string error;
    // The fields' element ids are "PREFIX-NAME": a page with several forms
    // gives each its own prefix.
    std::string id_prefix = "f";
    std::string field_id(const std::string& name) const;

private:
    std::vector<std::pair<std::string, std::string>> m_values;
};

using Choices = std::vector<std::pair<std::string, std::string>>; // value, label

// Labelled fields; each shows the form's message when it is about `name`.
std::string text_field(const FormState& form, std::string_view label, const std::string& name,
                       std::string_view hint = {}, std::string_view type = "text");
std::string textarea_field(const FormState& form, std::string_view label, const std::string& name);
std::string select_field(const FormState& form, std::string_view label, const std::string& name,
                         const Choices& choices, std::string_view blank = {});
// Radio buttons: yes / no / not recorded (an empty value; `unknown` names it).
std::string tri_field(const FormState& form, std::string_view label, const std::string& name,
                      std::string_view unknown = "not recorded");
// The summary of a refused form, for the top of its page: the message,
// linked to its field, focused when the page opens. A refused field's
// control carries aria-invalid and aria-describedby (its message).
std::string form_error(const FormState& form);
std::string field_error(const FormState& form, const std::string& name);

// A query parameter, empty when it is not sent; and one that is a number.
std::string param(const httplib::Request& req, const char* name);
// `text` percent-encoded for a query string value (RFC 3986 unreserved
// characters kept).
std::string query_value(std::string_view text);
std::optional<std::int64_t> id_param(const httplib::Request& req, const char* name);
// The banner that says a change was made; `html` is markup already escaped.
std::string ok_banner(std::string_view html);

} // namespace massagelog::web
