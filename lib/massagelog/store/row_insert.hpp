#pragma once
// One prepared INSERT, written through row after row: the statement a
// table's record writer keeps, so that its columns are named once.

#include "massagelog/store/row_table.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>

namespace massagelog {

class RowInsert {
public:
    RowInsert(SQLite::Database& db, const char* sql) : m_db(db), m_statement(db, sql) {}

    // The statement to bind a row's values to.
    SQLite::Statement& statement() { return m_statement; }

    // Writes the row bound, readies the statement for the next, and
    // returns the row's id.
    std::int64_t run()
    {
        m_statement.exec();
        m_statement.reset();
        m_statement.clearBindings();
        return m_db.getLastInsertRowid();
    }

private:
    SQLite::Database& m_db;
    SQLite::Statement m_statement;
};

// The one INSERT of a table, that a new entry, an import and the demo write
// through: rows are written as given (check them first); a row whose id is 0
// gets the next id. insert() returns the row's id.
template <class Row> class TableInsert {
public:
    explicit TableInsert(SQLite::Database& db) : m_insert(db, RowTable<Row>::insert_sql) {}

    std::int64_t insert(const Row& row)
    {
        RowTable<Row>::bind(m_insert.statement(), row);
        return m_insert.run();
    }

private:
    RowInsert m_insert;
};

// A row's id as bound: NULL (the next id) for 0.
inline std::optional<std::int64_t> id_or_next(std::int64_t id)
{
    return id ? std::optional(id) : std::nullopt;
}

} // namespace massagelog
