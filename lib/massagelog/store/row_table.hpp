#pragma once
// The name a row type gives its table's INSERT by (store/row_insert.hpp),
// for the headers that declare one beside their row type.

namespace SQLite {
class Statement;
}

namespace massagelog {

// Specialised beside each row type with the table's INSERT and how a row
// binds to it, one parameter per column:
//     static const char* const insert_sql;
//     static void bind(SQLite::Statement& insert, const Row& row);
template <class Row> struct RowTable;

} // namespace massagelog
