#pragma once
// Rows as an aligned table for people, or CSV or JSON for programs.

#include "massagelog/core/values.hpp"

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace massagelog {

enum class Format { table, csv, json };

// Parses "table", "csv" or "json"; throws InputError naming `field`.
Format parse_format(std::string_view text, std::string_view field);

// One cell: nothing (not recorded), a number, free text, or a value
// massagelog formats itself (time, enum name) that CSV never neutralises.
struct Cell {
    // not_recorded: a tri-state answer nobody gave; tables say "n/r", CSV
    // leaves the cell empty, JSON writes null.
    enum class Kind { null, not_recorded, number, text, value } kind = Kind::null;
    std::string text;
    long long number = 0;

    static Cell null() { return {}; }
    static Cell num(long long n) { return {Kind::number, std::to_string(n), n}; }
    static Cell str(std::string s) { return {Kind::text, std::move(s), 0}; }
    static Cell val(std::string s) { return {Kind::value, std::move(s), 0}; }
    static Cell opt(const std::optional<std::string>& s) { return s ? str(*s) : null(); }
    static Cell tri(Tri t)
    {
        return t == Tri::unknown ? Cell{Kind::not_recorded, {}, 0} : val(std::string(to_string(t)));
    }
};

class RowWriter {
public:
    virtual ~RowWriter() = default;
    virtual void row(const std::vector<Cell>& cells) = 0;
    // Writes what is buffered (tables) and closes the list (JSON).
    virtual void finish() = 0;
};

// A writer for `columns`. CSV and JSON stream each row; a table waits for
// all rows to size its columns (by display width: 李 takes two), shows "-"
// for nothing, "n/r" for not recorded, text on one line and invisible
// characters as <U+202E>.
// `max_width`, when not 0, is the width a table must fit (a terminal): text
// is cut at 48 columns and the widest text columns are shortened (with "…")
// until it fits; ids, dates and numbers are never cut, and columns left of
// them are dropped from the right instead. With 0 (a pipe) every cell is
// whole.
std::unique_ptr<RowWriter> make_writer(Format format, std::ostream& out,
                                       std::vector<std::string> columns,
                                       std::size_t max_width = 0);

// `text` broken at spaces into lines of at most `width` display columns,
// the first after `indent` columns already written and the others indented
// by as many spaces; a word longer than a line stays whole. With width 0 (a
// pipe) the text is one line, unchanged.
std::string wrapped(std::string_view text, std::size_t indent, std::size_t width);

// "key: value" lines for one record; long text is shown whole, invisible
// characters as <U+202E>.
void print_fields(std::ostream& out,
                  const std::vector<std::pair<std::string, std::string>>& fields);

} // namespace massagelog
