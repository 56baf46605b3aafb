#pragma once
// RFC 4180 cells, with the spreadsheet formula-injection defence of SPEC §5.

#include <istream>
#include <string>
#include <string_view>
#include <vector>

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

class Sha256;

// Reads RFC 4180 records from a stream in large blocks: a header row or
// not, CRLF or LF line ends, quoted fields with commas, quotes and line
// breaks, and a UTF-8 byte order mark at the start. Completely empty lines
// are skipped. Throws InputError naming the line of a malformed record.
class CsvReader {
public:
    // `hash`, when given, sees every byte read (the audit records the file's
    // SHA-256).
    explicit CsvReader(std::istream& in, Sha256* hash = nullptr);

    // Reads the next record into `fields`; false at the end of the input.
    bool next(std::vector<std::string>& fields);
    // The line on which the record last read starts (1 for the first).
    long long line() const { return m_record_line; }
    long long bytes_read() const { return m_bytes; }

private:
    bool fill();
    std::istream& m_in;
    Sha256* m_hash;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0, m_end = 0;
    long long m_line = 1, m_record_line = 1, m_bytes = 0;
    bool m_started = false;
};

} // namespace massagelog
