#include "massagelog/store/statement_cache.hpp"

namespace massagelog {

RawStatement prepare_raw(sqlite3* db, const std::string& sql)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
        throw SQLite::Exception(db, sqlite3_errcode(db));
    return RawStatement(stmt);
}

void StatementCache::restart(SQLite::Statement* s) noexcept
{
    // tryReset: a statement whose last step failed reports it again here,
    // which is no concern of the next user.
    s->tryReset();
    try {
        s->clearBindings();
    } catch (const SQLite::Exception&) {
        // sqlite3_clear_bindings cannot fail on a live statement.
    }
}

void StatementCache::restart(sqlite3_stmt* s) noexcept
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

template <class Owned, class Prepare>
StatementCache::Lease<Owned> StatementCache::lend(std::unordered_map<std::string, Entry<Owned>>& kept,
                                                  const std::string& sql, const Prepare& prepare)
{
    Entry<Owned>& entry = kept[sql];
    if (entry.in_use)
        return Lease<Owned>(nullptr, prepare());
    if (!entry.statement)
        entry.statement = prepare();
    entry.in_use = true;
    return Lease<Owned>(&entry, nullptr);
}

StatementCache::StatementLease StatementCache::take(SQLite::Database& db, const std::string& sql)
{
    return lend(m_statements, sql, [&] { return std::make_unique<SQLite::Statement>(db, sql); });
}

StatementCache::StatementLease StatementCache::from(StatementCache* cache, SQLite::Database& db,
                                                    const std::string& sql)
{
    if (cache)
        return cache->take(db, sql);
    return StatementLease(nullptr, std::make_unique<SQLite::Statement>(db, sql));
}

StatementCache::RawLease StatementCache::take_raw(SQLite::Database& db, const std::string& sql)
{
    return lend(m_raw, sql, [&] { return prepare_raw(db.getHandle(), sql); });
}

} // namespace massagelog
