#pragma once
// Writing many rows with few statements: an INSERT of 1, 2, 4 ... rows, and
// the rows of a statement SQLite refuses written again one by one so that
// each refused row can be named. A statement per row was two thirds of an
// import's time.

#include "massagelog/store/database.hpp"
#include "massagelog/store/statement_cache.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include <bit>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace massagelog {

// "(?,?,?),(?,?,?)": `rows` rows of `columns` parameters.
std::string values_list(std::size_t rows, int columns);

// Runs `write`; a row SQLite refuses for a constraint goes to `refused` and
// gives false, and any other failure goes on up.
template <class Write, class Refused> bool attempt(Write&& write, Refused&& refused)
{
    try {
        write();
        return true;
    } catch (const SQLite::Exception& e) {
        if (!is_constraint(e))
            throw;
        refused(e);
        return false;
    }
}

// An INSERT of 1, 2, 4 ... `max` rows, each statement prepared when first
// needed (or taken from `cache`, the connection's, when given); a run of
// rows goes in pieces of those sizes, largest first.
class MultiRowInsert {
public:
    MultiRowInsert(SQLite::Database& db, const char* insert, int columns, std::size_t max,
                   StatementCache* cache = nullptr)
        : m_db(db), m_insert(insert), m_columns(columns), m_max(max), m_cache(cache)
    {
    }
    int columns() const { return m_columns; }
    // The largest statement for at most `rows` rows (rows >= 1).
    std::size_t fit(std::size_t rows) const
    {
        std::size_t n = 1;
        while (n * 2 <= rows && n * 2 <= m_max)
            n *= 2;
        return n;
    }
    // The statement for `rows` rows (a value fit() gave), reset.
    SQLite::Statement& statement(std::size_t rows)
    {
        std::size_t slot = static_cast<std::size_t>(std::countr_zero(rows));
        if (m_statements.size() <= slot)
            m_statements.resize(slot + 1);
        if (!m_statements[slot])
            m_statements[slot].emplace(
                StatementCache::from(m_cache, m_db, m_insert + values_list(rows, m_columns)));
        SQLite::Statement& q = **m_statements[slot];
        // A statement SQLite refused keeps its error until reset, and
        // SQLiteCpp's reset() would throw it again: tryReset() clears it.
        q.tryReset();
        return q;
    }

private:
    SQLite::Database& m_db;
    std::string m_insert;
    int m_columns;
    std::size_t m_max;
    StatementCache* m_cache;
    std::vector<std::optional<StatementCache::StatementLease>> m_statements;
};

// Writes `rows` in the largest statements `insert` has, binding each row
// with `bind(statement, first_parameter, row)`; each chunk then goes to
// `written`, or, when SQLite refused it (and wrote none of it), to `again`.
template <class Row, class Bind, class Written, class Again>
void in_chunks(MultiRowInsert& insert, std::span<const Row> rows, Bind&& bind, Written&& written,
               Again&& again)
{
    for (std::size_t done = 0; done < rows.size();) {
        std::size_t n = insert.fit(rows.size() - done);
        auto chunk = rows.subspan(done, n);
        done += n;
        bool ok = attempt(
            [&] {
                auto& q = insert.statement(n);
                for (std::size_t i = 0; i < n; ++i)
                    bind(q, static_cast<int>(i) * insert.columns() + 1, chunk[i]);
                q.exec();
            },
            [](const SQLite::Exception&) {});
        if (ok)
            written(chunk);
        else
            again(chunk);
    }
}

} // namespace massagelog
