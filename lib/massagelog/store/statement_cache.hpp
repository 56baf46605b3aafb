#pragma once
// Statements prepared once per connection and used again. Preparing SQL is
// not free: the guard at session entry reads the client's flags, the
// settings and the health history at every add, and preparing those
// statements anew was a quarter of the web server's time under load.

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace massagelog {

class StatementCache {
    struct Entry {
        std::unique_ptr<SQLite::Statement> statement;
        bool in_use = false;
    };
    struct RawEntry {
        sqlite3_stmt* statement = nullptr;
        bool in_use = false;
    };

public:
    StatementCache() = default;
    ~StatementCache();
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    // A statement lent out: reset, with its bindings cleared, when it goes
    // back (an unfinished SELECT would otherwise hold its read open).
    class Lease {
    public:
        Lease(Entry* kept, std::unique_ptr<SQLite::Statement> own);
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        SQLite::Statement& operator*() { return *m_statement; }
        SQLite::Statement* operator->() { return m_statement; }

    private:
        Entry* m_kept;
        std::unique_ptr<SQLite::Statement> m_own;
        SQLite::Statement* m_statement;
    };

    // `sql` prepared on `db`, the connection this cache belongs to (it
    // must be the same one on every call, and outlive the cache): the kept
    // statement, or, while that one is lent out (a read within its own
    // loop), one prepared for this use alone.
    Lease take(SQLite::Database& db, const std::string& sql);

    // The same for a loop that reads columns through SQLite's C API.
    class RawLease {
    public:
        RawLease(RawEntry* kept, sqlite3_stmt* own);
        RawLease(RawLease&& other) noexcept;
        RawLease& operator=(RawLease&&) = delete;
        ~RawLease();
        sqlite3_stmt* get() const { return m_statement; }

    private:
        RawEntry* m_kept;
        sqlite3_stmt* m_statement;
    };
    RawLease take_raw(SQLite::Database& db, const std::string& sql);

private:
    std::unordered_map<std::string, Entry> m_entries;
    std::unordered_map<std::string, RawEntry> m_raw;
};

} // namespace massagelog
