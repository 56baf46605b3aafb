#pragma once
// RFC 4180 cells, with the spreadsheet formula-injection defence of SPEC §5.

#include <string>
#include <string_view>

namespace massagelog {

// Whether a cell holds free text (neutralised against formulas) or a value
// massagelog formats itself (numbers, timestamps, enum names: never touched).
enum class CellKind { text, value };

// True when a spreadsheet would read `text` as a formula: it starts with
// '=', '+', '-', '@', tab or CR, possibly after one or more "'".
bool looks_like_formula(std::string_view text);

// Appends one cell to `out`: neutralised (one more leading "'") when it is
// text that looks like a formula, then quoted when it holds a comma, quote,
// CR or LF, quotes doubled.
void append_csv_cell(std::string& out, std::string_view cell, CellKind kind);

// Undoes the neutralisation for import: strips one leading "'" from a cell
// that, without it, still looks like a formula.
std::string unneutralise(std::string_view cell);

} // namespace massagelog
