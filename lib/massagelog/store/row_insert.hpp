#pragma once
// One prepared INSERT, written through row after row: the statement a
// table's record writer keeps, so that its columns are named once.

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

// A row's id as bound: NULL (the next id) for 0.
inline std::optional<std::int64_t> id_or_next(std::int64_t id)
{
    return id ? std::optional(id) : std::nullopt;
}

} // namespace massagelog
