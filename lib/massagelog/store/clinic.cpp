#include "massagelog/store/clinic.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/store/settings.hpp"

#include <date/tz.h>
#include <sqlite3.h>

#include <stdexcept>

namespace massagelog {

namespace {

const date::time_zone* clinic_zone(Clinic& clinic, const std::string& tz_flag,
                                   const FieldLabel& label)
{
    if (!tz_flag.empty())
        return find_place_zone(tz_flag, label("tz"));
    return find_zone(get_setting(clinic, "clinic.timezone"), "setting clinic.timezone");
}

} // namespace

Clinic::Clinic(const ClinicOptions& options)
    : m_path(resolve_database_path(options.db_flag, options.words)),
      m_actor(resolve_actor(options.by_flag, options.words.label("by"))),
      m_words(options.words),
      m_clock(date::locate_zone("Etc/UTC"), options.now ? *options.now : current_instant())
{
    if (!options.tz_flag.empty())
        find_place_zone(options.tz_flag, label("tz")); // a bad --tz is bad input before anything opens
    m_db = open_database(m_path, options.mode, m_actor, m_clock.now(), m_words);
    m_clock = ClinicClock(clinic_zone(*this, options.tz_flag, label()), m_clock.now());
    m_zone_from_flag = !options.tz_flag.empty();
}

void Clinic::act_as(Actor actor, Instant now)
{
    m_actor = std::move(actor);
    m_clock = ClinicClock(m_zone_from_flag ? &m_clock.zone() : clinic_zone(*this, {}, label()), now);
}

void Clinic::undo_savepoint() noexcept
{
    try {
        m_db->exec("ROLLBACK TO write");
        m_db->exec("RELEASE write");
    } catch (const std::exception&) {
        m_undo_failed = true;
    }
}

void Clinic::begin_savepoint()
{
    if (sqlite3_get_autocommit(m_db->getHandle())) {
        m_undo_failed = true;
        throw OperationalError("the write this was part of was rolled back by the database, so "
                               "nothing of it was saved");
    }
    m_db->exec("SAVEPOINT write");
}

void Clinic::commit(SQLite::Transaction& tx)
{
    if (m_undo_failed)
        throw OperationalError("a change that failed could not be undone, so nothing of this "
                               "write was saved");
    tx.commit();
}

void Clinic::audit(const AuditEntry& entry)
{
    append_audit(*m_db, m_actor, m_clock.now(), entry, &m_statements);
}

void Clinic::audit_row(AuditEntry entry, DigestTable table, const std::string& before)
{
    if (entry.entity != entity_of(table) || !entry.entity_id)
        throw std::logic_error("audit_row: the entry does not name one row of " +
                               std::string(to_string(table)));
    entry.detail["digest"] = row_digest(*m_db, table, *entry.entity_id, &m_statements);
    if (!before.empty())
        entry.detail["digest_before"] = before;
    audit(entry);
}

} // namespace massagelog
