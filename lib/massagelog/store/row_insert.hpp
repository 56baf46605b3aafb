#pragma once
// Writing a table's rows through its one INSERT (RowTable, row_table.hpp),
// so that its columns are named once.

#include "massagelog/store/row_table.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>

namespace massagelog {

// The one INSERT of a table, prepared once and written through row after
// row by a new entry, an import and the demo: rows are written as given
// (check them first); a row whose id is 0 gets the next id. insert()
// returns the row's id.
template <class Row> class TableInsert {
public:
    explicit TableInsert(SQLite::Database& db) : m_db(db), m_insert(db, RowTable<Row>::insert_sql)
    {
    }

    std::int64_t insert(const Row& row)
    {
        RowTable<Row>::bind(m_insert, row);
        m_insert.exec();
        m_insert.reset();
        m_insert.clearBindings();
        return m_db.getLastInsertRowid();
    }

private:
    SQLite::Database& m_db;
    SQLite::Statement m_insert;
};

// A row's id as bound: NULL (the next id) for 0.
inline std::optional<std::int64_t> id_or_next(std::int64_t id)
{
    return id ? std::optional(id) : std::nullopt;
}

} // namespace massagelog
