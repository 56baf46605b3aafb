#pragma once
// Unicode text as staff type and read it, through ICU: the key two names
// are compared by, the columns a string takes on a terminal, and the
// characters that cannot be seen.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace massagelog {

// `text` (valid UTF-8) in Normalization Form C: "e" + U+0301 becomes "é",
// so one name is stored one way.
std::string nfc(std::string_view text);

// `text` with every byte that is not part of valid UTF-8 replaced by
// U+FFFD, as a browser shows it; valid text comes back unchanged.
std::string valid_utf8(std::string_view text);

// `text` (valid UTF-8) in Normalization Form KC: compatibility forms
// folded too, so a no-break space is a space and "ﬁ" is "fi".
std::string nfkc(std::string_view text);

// What `text` looks like, as ICU's spoof checker (Unicode TR 39) reduces it,
// case folded: Cyrillic "о" and Latin "o" give the same skeleton, and so
// do "rn" and "m". Two names with one skeleton are confusable.
std::string confusable_skeleton(std::string_view text);

// The key names are matched by: canonical decomposition, combining marks
// dropped, full case folding. "FRANÇOISE DUPRÉ" and "françoise dupre" give
// the same key, and so do "García" and "garcia"; "Straße" matches "STRASSE".
std::string match_key(std::string_view text);

// The first character of `text` that shows nothing or reorders what
// follows: bidirectional controls (U+202E), zero-width characters (U+200B),
// the byte order mark and the other format characters, line and paragraph
// separators. Empty when there is none.
std::optional<char32_t> first_invisible(std::string_view text);

// `text` with every character first_invisible would name written as
// "<U+202E>", so notes show what they hold and cannot reverse a line.
std::string visible(std::string_view text);
// The inverse of visible(): each "<U+XXXX>" that names an invisible
// character is that character again, so a form that showed a note escaped
// gives back the note as it was.
std::string unvisible(std::string_view text);

// The columns `text` takes on a terminal: 2 for each wide or fullwidth
// character (李 is 2), 0 for combining marks and invisible characters, 1
// for the rest.
std::size_t display_width(std::string_view text);

// The longest start of `text` that fits in `columns` (never splitting a
// character from the combining marks that follow it).
std::string_view fit_columns(std::string_view text, std::size_t columns);

} // namespace massagelog
