#pragma once
// Statements prepared once per connection and used again. Preparing SQL is
// not free: the guard at session entry reads the client's flags, the
// settings and the health history at every add, and preparing those
// statements anew was a quarter of the web server's time under load.

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace massagelog {

// A statement for a loop that reads columns through SQLite's C API
// (SQLiteCpp's Column copies a shared pointer for every cell).
struct FinalizeStatement {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using RawStatement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;
// `sql` prepared on `db`; SQLite::Exception when it cannot be.
RawStatement prepare_raw(sqlite3* db, const std::string& sql);

class StatementCache {
    template <class Owned> struct Entry {
        Owned statement;
        bool in_use = false;
    };

public:
    // A statement lent out: reset, with its bindings cleared, when a kept
    // one goes back (an unfinished SELECT would otherwise hold its read
    // open); one prepared for this use alone is finalized.
    template <class Owned> class Lease {
    public:
        Lease(Entry<Owned>* kept, Owned own) : m_kept(kept), m_own(std::move(own)) {}
        Lease(Lease&& other) noexcept
            : m_kept(std::exchange(other.m_kept, nullptr)), m_own(std::move(other.m_own))
        {
        }
        Lease& operator=(Lease&&) = delete;
        ~Lease()
        {
            if (m_kept) {
                restart(m_kept->statement.get());
                m_kept->in_use = false;
            }
        }
        auto* get() const { return m_kept ? m_kept->statement.get() : m_own.get(); }
        auto& operator*() const { return *get(); }
        auto* operator->() const { return get(); }

    private:
        Entry<Owned>* m_kept;
        Owned m_own;
    };
    using StatementLease = Lease<std::unique_ptr<SQLite::Statement>>;
    using RawLease = Lease<RawStatement>;

    // `sql` prepared on `db`, the connection this cache belongs to (it
    // must be the same one on every call, and outlive the cache): the kept
    // statement, or, while that one is lent out (a read within its own
    // loop), one prepared for this use alone.
    StatementLease take(SQLite::Database& db, const std::string& sql);
    RawLease take_raw(SQLite::Database& db, const std::string& sql);

    // For code that serves a connection with a cache (the server's writer)
    // and one without (a migration, the command line): `sql` from `cache`,
    // or, with none, prepared on `db` for this use alone.
    static StatementLease from(StatementCache* cache, SQLite::Database& db, const std::string& sql);

private:
    static void restart(SQLite::Statement* s) noexcept;
    static void restart(sqlite3_stmt* s) noexcept;
    template <class Owned, class Prepare>
    static Lease<Owned> lend(std::unordered_map<std::string, Entry<Owned>>& kept,
                             const std::string& sql, const Prepare& prepare);

    std::unordered_map<std::string, Entry<std::unique_ptr<SQLite::Statement>>> m_statements;
    std::unordered_map<std::string, Entry<RawStatement>> m_raw;
};

} // namespace massagelog
