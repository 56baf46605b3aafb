#include "massagelog/store/statement_cache.hpp"

namespace massagelog {

StatementCache::Lease::Lease(Entry* kept, std::unique_ptr<SQLite::Statement> own)
    : m_kept(kept), m_own(std::move(own)),
      m_statement(kept ? kept->statement.get() : m_own.get())
{
}

StatementCache::Lease::Lease(Lease&& other) noexcept
    : m_kept(other.m_kept), m_own(std::move(other.m_own)), m_statement(other.m_statement)
{
    other.m_kept = nullptr;
    other.m_statement = nullptr;
}

StatementCache::Lease::~Lease()
{
    if (!m_kept)
        return;
    // tryReset: a statement whose last step failed reports it again here,
    // which is no concern of the next user.
    m_statement->tryReset();
    try {
        m_statement->clearBindings();
    } catch (const SQLite::Exception&) {
        // sqlite3_clear_bindings cannot fail on a live statement.
    }
    m_kept->in_use = false;
}

StatementCache::Lease StatementCache::take(SQLite::Database& db, const std::string& sql)
{
    Entry& entry = m_entries[sql];
    if (entry.in_use)
        return Lease(nullptr, std::make_unique<SQLite::Statement>(db, sql));
    if (!entry.statement)
        entry.statement = std::make_unique<SQLite::Statement>(db, sql);
    entry.in_use = true;
    return Lease(&entry, nullptr);
}

namespace {

sqlite3_stmt* prepare(SQLite::Database& db, const std::string& sql)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db.getHandle(), sql.c_str(), static_cast<int>(sql.size()), &stmt,
                           nullptr) != SQLITE_OK)
        throw SQLite::Exception(db.getHandle(), sqlite3_errcode(db.getHandle()));
    return stmt;
}

} // namespace

StatementCache::~StatementCache()
{
    for (auto& [sql, entry] : m_raw)
        sqlite3_finalize(entry.statement);
}

StatementCache::RawLease::RawLease(RawEntry* kept, sqlite3_stmt* own)
    : m_kept(kept), m_statement(kept ? kept->statement : own)
{
}

StatementCache::RawLease::RawLease(RawLease&& other) noexcept
    : m_kept(other.m_kept), m_statement(other.m_statement)
{
    other.m_kept = nullptr;
    other.m_statement = nullptr;
}

StatementCache::RawLease::~RawLease()
{
    if (!m_statement)
        return;
    if (!m_kept) {
        sqlite3_finalize(m_statement);
        return;
    }
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    m_kept->in_use = false;
}

StatementCache::RawLease StatementCache::take_raw(SQLite::Database& db, const std::string& sql)
{
    RawEntry& entry = m_raw[sql];
    if (entry.in_use)
        return RawLease(nullptr, prepare(db, sql));
    if (!entry.statement)
        entry.statement = prepare(db, sql);
    entry.in_use = true;
    return RawLease(&entry, nullptr);
}

} // namespace massagelog
