#include "massagelog/core/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <cstdio>
#include <stdexcept>

namespace massagelog {

namespace {

const icu::Normalizer2& normalizer(bool compose)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = compose ? icu::Normalizer2::getNFCInstance(status)
                                        : icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("cannot load Unicode normalisation data: ") +
                                 u_errorName(status));
    return *n;
}

icu::UnicodeString normalized(const icu::UnicodeString& s, bool compose)
{
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out = normalizer(compose).normalize(s, status);
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("cannot normalise text: ") + u_errorName(status));
    return out;
}

std::string utf8(const icu::UnicodeString& s)
{
    std::string out;
    s.toUTF8String(out);
    return out;
}

bool invisible(UChar32 c)
{
    auto type = static_cast<UCharCategory>(u_charType(c));
    return type == U_FORMAT_CHAR || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR ||
           u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL) ||
           u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

// Columns of one code point, as wcwidth counts them.
std::size_t columns_of(UChar32 c)
{
    auto type = static_cast<UCharCategory>(u_charType(c));
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || invisible(c) || c == 0)
        return 0;
    auto width = static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
    return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

bool all_ascii(std::string_view text)
{
    for (char ch : text)
        if (static_cast<unsigned char>(ch) >= 0x80)
            return false;
    return true;
}

// Calls visit(code point, byte offset, byte length) for each character of
// valid or invalid UTF-8 (an invalid byte is U+FFFD, one byte long).
template <class Visit> void each_char(std::string_view text, Visit visit)
{
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length;) {
        std::int32_t start = i;
        UChar32 c;
        U8_NEXT_OR_FFFD(s, i, length, c);
        if (!visit(c, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)))
            return;
    }
}

} // namespace

std::string nfc(std::string_view text)
{
    if (all_ascii(text))
        return std::string(text);
    return utf8(normalized(icu::UnicodeString::fromUTF8(text), true));
}

std::string valid_utf8(std::string_view text)
{
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(nullptr, 0, nullptr, text.data(), static_cast<int32_t>(text.size()), &status);
    if (status != U_INVALID_CHAR_FOUND && status != U_ILLEGAL_CHAR_FOUND)
        return std::string(text);
    return utf8(icu::UnicodeString::fromUTF8(text)); // U+FFFD for each bad sequence
}

std::string nfkc(std::string_view text)
{
    if (all_ascii(text))
        return std::string(text);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("ICU NFKC: ") + u_errorName(status));
    icu::UnicodeString out = n->normalize(icu::UnicodeString::fromUTF8(text), status);
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("ICU NFKC: ") + u_errorName(status));
    return utf8(out);
}

std::string confusable_skeleton(std::string_view text)
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<USpoofChecker, decltype(&uspoof_close)> checker(uspoof_open(&status),
                                                                    &uspoof_close);
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("ICU spoof checker: ") + u_errorName(status));
    icu::UnicodeString folded = icu::UnicodeString::fromUTF8(text);
    folded.foldCase();
    icu::UnicodeString skeleton;
    uspoof_getSkeletonUnicodeString(checker.get(), 0, folded, skeleton, &status);
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("ICU spoof checker: ") + u_errorName(status));
    skeleton.foldCase();
    return utf8(skeleton);
}

std::string match_key(std::string_view text)
{
    if (all_ascii(text)) { // no marks to drop; folding is lowering
        std::string out(text);
        for (char& ch : out)
            if (ch >= 'A' && ch <= 'Z')
                ch = static_cast<char>(ch - 'A' + 'a');
        return out;
    }
    icu::UnicodeString decomposed = normalized(icu::UnicodeString::fromUTF8(text), false);
    icu::UnicodeString kept;
    for (std::int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) != U_NON_SPACING_MARK && !invisible(c))
            kept.append(c);
    }
    kept.foldCase();
    return utf8(normalized(kept, true));
}

std::optional<char32_t> first_invisible(std::string_view text)
{
    std::optional<char32_t> found;
    each_char(text, [&](UChar32 c, std::size_t, std::size_t) {
        if (invisible(c))
            found = static_cast<char32_t>(c);
        return !found;
    });
    return found;
}

std::string visible(std::string_view text)
{
    if (!first_invisible(text))
        return std::string(text);
    std::string out;
    each_char(text, [&](UChar32 c, std::size_t at, std::size_t n) {
        if (invisible(c)) {
            char code[16];
            std::snprintf(code, sizeof code, "<U+%04X>", static_cast<unsigned>(c));
            out += code;
        } else {
            out.append(text.substr(at, n));
        }
        return true;
    });
    return out;
}

std::string unvisible(std::string_view text)
{
    if (text.find("<U+") == std::string_view::npos)
        return std::string(text);
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t at = text.find("<U+", i);
        if (at == std::string_view::npos)
            break;
        out.append(text.substr(i, at - i));
        std::size_t close = text.find('>', at);
        unsigned long code = 0;
        std::string_view hex =
            close == std::string_view::npos ? std::string_view() : text.substr(at + 3, close - at - 3);
        bool is_hex = hex.size() >= 4 && hex.size() <= 6 &&
                      hex.find_first_not_of("0123456789ABCDEF") == std::string_view::npos;
        if (is_hex)
            code = std::stoul(std::string(hex), nullptr, 16);
        if (is_hex && code <= 0x10FFFF && invisible(static_cast<UChar32>(code))) {
            icu::UnicodeString c(static_cast<UChar32>(code));
            out += utf8(c);
            i = close + 1;
        } else {
            out += "<U+";
            i = at + 3;
        }
    }
    out.append(text.substr(std::min(i, text.size())));
    return out;
}

std::size_t display_width(std::string_view text)
{
    if (all_ascii(text))
        return text.size();
    std::size_t width = 0;
    each_char(text, [&](UChar32 c, std::size_t, std::size_t) {
        width += columns_of(c);
        return true;
    });
    return width;
}

std::string_view fit_columns(std::string_view text, std::size_t columns)
{
    std::size_t used = 0, end = 0;
    each_char(text, [&](UChar32 c, std::size_t at, std::size_t n) {
        std::size_t w = columns_of(c);
        if (w > 0 && used + w > columns)
            return false;
        used += w;
        end = at + n;
        return true;
    });
    return text.substr(0, end);
}

} // namespace massagelog
