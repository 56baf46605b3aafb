#pragma once
// An open clinic database with its clock and the person acting: what every
// command works through.

#include "massagelog/store/audit.hpp"
#include "massagelog/store/database.hpp"
#include "massagelog/store/row_digests.hpp"
#include "massagelog/store/statement_cache.hpp"
#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include <memory>
#include <optional>
#include <string>

namespace massagelog {

struct ClinicOptions {
    std::string db_flag; // --db, may be empty
    std::string tz_flag; // --tz, may be empty: the clinic.timezone setting is used
    std::string by_flag; // --by, may be empty
    OpenMode mode = OpenMode::read_only;
    std::optional<Instant> now; // the clock's reading when empty (see current_instant)
    Wording words = {};         // the front end's words for fields and next steps
};

class Clinic {
public:
    // Opens the database (see open_database) and reads the clinic's zone.
    explicit Clinic(const ClinicOptions& options);
    SQLite::Database& db() { return *m_db; }
    // A statement of `sql` on this connection, prepared once and kept
    // (store/statement_cache.hpp): for what runs at every request.
    StatementCache::StatementLease statement(const std::string& sql)
    {
        return m_statements.take(*m_db, sql);
    }
    StatementCache::RawLease raw_statement(const std::string& sql)
    {
        return m_statements.take_raw(*m_db, sql);
    }
    // The cache itself, for the writers that take one (audit, digests,
    // inserts) and also serve connections without it.
    StatementCache& statements() { return m_statements; }
    const ClinicClock& clock() const { return m_clock; }
    const Actor& actor() const { return m_actor; }
    const std::string& path() const { return m_path; }
    // How messages name a field ("client_id"): the front end's words for it
    // (the command line's "--client"). The column's name until one is set.
    const FieldLabel& label() const { return m_words.label; }
    void set_label(FieldLabel label) { m_words.label = std::move(label); }
    std::string label(std::string_view field) const { return m_words.label(field); }
    // Where a hint sends someone next, in the front end's words ("'massagelog
    // client list'" on the command line).
    std::string next(Next step, std::string_view arg = {}) const { return m_words.next(step, arg); }
    const Wording& words() const { return m_words; }
    // True when --tz chose the zone rather than the clinic.timezone setting.
    bool zone_from_flag() const { return m_zone_from_flag; }
    // The person acting and the clock's reading for the next piece of work,
    // for a connection that serves one request after another (the web). The
    // zone is read again from clinic.timezone unless --tz chose it.
    void act_as(Actor actor, Instant now);

    // Appends an audit row stamped now, by the actor. Call inside a write.
    void audit(const AuditEntry& entry);
    // The audit row of a change to one clinical row (the entry's entity and
    // entity_id), holding the row's digest as it stands now and, for an
    // update, `before`: its digest before the change (row_digest).
    void audit_row(AuditEntry entry, DigestTable table, const std::string& before = {});

    // Runs `work` in one BEGIN IMMEDIATE transaction and commits when it
    // returns; an exception leaves the database as it was. A write within a
    // write (a group of them, see GroupCommit) is a savepoint of the outer
    // one: its exception undoes only its own changes.
    template <class Work> auto write(Work&& work)
    {
        if (m_writing)
            return in_savepoint(std::forward<Work>(work));
        Writing writing(m_writing);
        m_undo_failed = false;
        SQLite::Transaction tx(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
        if constexpr (std::is_void_v<decltype(work())>) {
            work();
            commit(tx);
        } else {
            auto result = work();
            commit(tx);
            return result;
        }
    }

private:
    // Marks the connection as inside a write while it lives.
    class Writing {
    public:
        explicit Writing(bool& flag) : m_flag(flag) { m_flag = true; }
        ~Writing() { m_flag = false; }
        Writing(const Writing&) = delete;
        Writing& operator=(const Writing&) = delete;

    private:
        bool& m_flag;
    };

    template <class Work> auto in_savepoint(Work&& work)
    {
        begin_savepoint();
        try {
            if constexpr (std::is_void_v<decltype(work())>) {
                work();
                m_db->exec("RELEASE write");
            } else {
                auto result = work();
                m_db->exec("RELEASE write");
                return result;
            }
        } catch (...) {
            undo_savepoint();
            throw;
        }
    }
    // ROLLBACK TO and RELEASE the innermost savepoint. Should that fail, the
    // outer write refuses to commit (a half-undone change is never kept).
    void undo_savepoint() noexcept;
    // SAVEPOINT, but only inside the outer transaction: once SQLite has
    // rolled that back (a full disk, an I/O error), a savepoint would start
    // and commit a transaction of its own, so it throws instead.
    void begin_savepoint();
    void commit(SQLite::Transaction& tx);

    std::string m_path;
    std::unique_ptr<SQLite::Database> m_db;
    StatementCache m_statements; // after m_db: its statements go first
    Actor m_actor;
    Wording m_words;
    ClinicClock m_clock;
    bool m_zone_from_flag = false;
    bool m_writing = false;
    bool m_undo_failed = false;
};

} // namespace massagelog
