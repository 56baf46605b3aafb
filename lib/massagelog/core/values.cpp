#include "massagelog/core/values.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <vector>

namespace massagelog {

namespace {

constexpr std::array<std::string_view, 5> k_pressure_names{"light", "moderate", "firm", "deep",
                                                           "very-deep"};

// canonical_name, and a space also reads as '-' ("very deep").
std::string normalised(std::string_view text)
{
    std::string out = canonical_name(text);
    std::replace(out.begin(), out.end(), ' ', '-');
    return out;
}

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_length(std::string_view s, std::size_t i)
{
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
    unsigned char c = b(0);
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2))
            return 0;
        if ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) >= 0xA0))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

} // namespace

namespace {

// `text` with the ASCII letters from..from+25 moved to to..to+25.
std::string ascii_case(std::string_view text, char from, char to)
{
    std::string out(text);
    for (auto& c : out)
        if (c >= from && c <= from + 25)
            c = static_cast<char>(c - from + to);
    return out;
}

} // namespace

std::string to_lower(std::string_view text)
{
    return ascii_case(text, 'A', 'a');
}

std::string to_upper(std::string_view text)
{
    return ascii_case(text, 'a', 'A');
}

std::string canonical_name(std::string_view text)
{
    std::string out = to_lower(text);
    std::replace(out.begin(), out.end(), '_', '-');
    return out;
}

std::string symptom_label(std::size_t index)
{
    std::string out(k_symptom_names[index]);
    std::replace(out.begin(), out.end(), '_', ' ');
    return out;
}

std::string printable(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        auto u = static_cast<unsigned char>(text[i]);
        std::size_t length = u < 0x80 ? 1 : (u >> 5) == 0x6 ? 2 : (u >> 4) == 0xe ? 3 : (u >> 3) == 0x1e ? 4 : 0;
        bool whole = length > 0 && i + length <= text.size();
        for (std::size_t k = 1; whole && k < length; ++k)
            whole = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
        if (!whole || u < 0x20 || u == 0x7f) {
            out += fmt::format("\\x{:02x}", u);
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

std::string quote_value(std::string_view text)
{
    // Control bytes and bytes that are not UTF-8 are shown as \xNN, so a
    // message about a binary file stays printable.
    std::string out = "'" + printable(text.substr(0, 80));
    if (text.size() > 80)
        out += fmt::format("...' ({} bytes)", text.size());
    else
        out += "'";
    return out;
}

std::string choices_text(const std::string_view* names, std::size_t count)
{
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0)
            out += i + 1 == count ? " or " : ", ";
        out += names[i];
    }
    return out;
}

void throw_not_one_of(std::string_view field, std::string_view text, std::string_view noun,
                      const std::string& choices)
{
    bool vowel = !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos;
    throw InputError(fmt::format("{} {} is not {} {}", field, quote_value(text), vowel ? "an" : "a",
                                 noun),
                     "use " + choices).about(field);
}

Tri parse_tri(std::string_view text, std::string_view field)
{
    if (text.empty())
        return Tri::unknown;
    std::string n = normalised(text);
    if (n == "y" || n == "true" || n == "1")
        return Tri::yes;
    if (n == "n" || n == "false" || n == "0")
        return Tri::no;
    constexpr std::array<std::string_view, 3> names{"yes", "no", "unknown"};
    for (auto [value, name] : EnumNames<Tri>::list)
        if (n == name)
            return value;
    throw_not_one_of(field, text, "yes/no answer", choices_text(names.data(), names.size()));
}

std::string_view tri_to_cell(Tri t)
{
    return t == Tri::unknown ? std::string_view{} : to_string(t);
}

int parse_pressure(std::string_view text, std::string_view field)
{
    std::string n = normalised(text);
    for (std::size_t i = 0; i < k_pressure_names.size(); ++i)
        if (n == k_pressure_names[i] || n == std::to_string(i + 1))
            return static_cast<int>(i + 1);
    throw InputError(fmt::format("{} {} is not 1-5", field, quote_value(text)),
                     "use 1 light, 2 moderate, 3 firm, 4 deep or 5 very-deep").about(field);
}

std::string_view pressure_name(int pressure)
{
    if (pressure < 1 || pressure > 5)
        return "?";
    return k_pressure_names[static_cast<std::size_t>(pressure - 1)];
}

long long parse_int(std::string_view text, std::string_view field, long long lo, long long hi)
{
    long long value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec == std::errc::invalid_argument || ptr != end)
        throw InputError(fmt::format("{} {} is not a whole number", field, quote_value(text)),
                         fmt::format("use {}-{}", lo, hi)).about(field);
    if (ec == std::errc::result_out_of_range || value < lo || value > hi)
        throw InputError(fmt::format("{} {} is not {}-{}", field, quote_value(text), lo, hi)).about(field);
    return value;
}

RegionSpec parse_region_spec(std::string_view text, std::string_view field, RegionExtras extras)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        auto colon = text.find(':', start);
        parts.push_back(normalised(text.substr(start, colon - start)));
        if (colon == std::string_view::npos)
            break;
        start = colon + 1;
    }
    const char* form = extras == RegionExtras::side_only ? "use REGION[:SIDE], e.g. calf:left"
                                                         : "use REGION[:SIDE][:PRESSURE][:focal], "
                                                           "e.g. neck:midline:4:focal";
    if (parts[0].empty())
        throw InputError(fmt::format("{} {} has no region", field, quote_value(text)), form).about(field);
    RegionSpec spec;
    spec.region = parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string& p = parts[i];
        bool known = false;
        for (auto [side, name] : EnumNames<Side>::list) {
            if (p == name && !spec.side) {
                spec.side = side;
                known = true;
            }
        }
        if (!known && extras == RegionExtras::side_pressure_focal) {
            if (p == "focal" && !spec.focal) {
                spec.focal = true;
                known = true;
            } else if (!spec.pressure) {
                for (std::size_t k = 0; k < k_pressure_names.size(); ++k) {
                    if (p == k_pressure_names[k] || p == std::to_string(k + 1)) {
                        spec.pressure = static_cast<int>(k + 1);
                        known = true;
                    }
                }
            }
        }
        if (!known)
            throw InputError(
                fmt::format("{} {}: '{}' is not a side{}, or is given twice", field, quote_value(text),
                            p, extras == RegionExtras::side_only ? "" : ", pressure 1-5 or focal"),
                form).about(field);
    }
    return spec;
}

std::string checked_text(std::string_view text, std::string_view field, TextKind kind)
{
    if (kind == TextKind::note && text.size() > k_max_note_bytes)
        throw InputError(fmt::format("{} is {} bytes, more than the {} allowed", field,
                                     text.size(), k_max_note_bytes)).about(field);
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == 0)
            throw InputError(fmt::format("{} contains a NUL byte at byte {}", field, i + 1),
                             "remove it; text may not contain NUL").about(field);
        bool allowed_control = kind == TextKind::note && (c == '\n' || c == '\r' || c == '\t');
        if ((c < 0x20 || c == 0x7f) && !allowed_control)
            throw InputError(fmt::format("{} {} contains the control character \\x{:02x}", field,
                                         quote_value(text), c),
                             kind == TextKind::line ? "this field takes one line of text"
                                                    : "only tab and line breaks are allowed").about(field);
        std::size_t n = utf8_length(text, i);
        if (n == 0)
            throw InputError(
                fmt::format("{} is not valid UTF-8 (byte {} is 0x{:02x})", field, i + 1, c),
                "save the text as UTF-8").about(field);
        i += n;
        ++chars;
    }
    if (kind == TextKind::line && chars > k_max_line_chars)
        throw InputError(fmt::format("{} {} is {} characters, more than the {} allowed", field,
                                     quote_value(text), chars, k_max_line_chars)).about(field);
    if (kind == TextKind::note)
        return std::string(text);
    // A name that looks like another, or reverses what follows it on screen,
    // is refused; notes keep such characters and show them escaped.
    if (auto c = first_invisible(text))
        throw InputError(fmt::format("{} {} contains the invisible character U+{:04X}", field,
                                     quote_value(visible(text)), static_cast<unsigned>(*c)),
                         "type it again without it; bidirectional and zero-width characters are "
                         "not allowed in one-line fields").about(field);
    return nfc(text);
}

} // namespace massagelog

namespace massagelog {

std::string column_label(std::string_view column)
{
    return std::string(column);
}

std::string plain_next(Next step, std::string_view arg)
{
    switch (step) {
    case Next::list_clients: return "the list of clients";
    case Next::find_client: return "the list of clients, searched by name";
    case Next::find_archived_client: return "the list of clients with archived ones, searched by name";
    case Next::list_therapists: return "the list of therapists";
    case Next::list_sessions: return "the list of sessions";
    case Next::calls_due: return "the calls due";
    case Next::client_flags: return fmt::format("the flags of client {}", arg);
    case Next::unarchive_client: return fmt::format("unarchiving client {}", arg);
    case Next::create_database: return "creating the database";
    case Next::backup_database: return "a backup of the database";
    case Next::migrate_database: return "migrating the database";
    case Next::check_database: return "a check of the database";
    case Next::set_timezone: return fmt::format("the setting clinic.timezone ({})", arg);
    }
    return "?";
}

} // namespace massagelog
