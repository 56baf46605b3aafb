#include "massagelog/store/audit.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/core/values.hpp"
#include "massagelog/store/statement_cache.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <nettle/sha2.h>

#include <cstdlib>
#include <memory>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace massagelog {

namespace {

const std::string k_genesis(64, '0');

std::string os_account()
{
    // getpwuid_r: the server opens connections from several threads at once.
    std::string user = "uid" + std::to_string(geteuid());
    passwd entry{};
    passwd* pw = nullptr;
    std::vector<char> buffer(16384);
    if (getpwuid_r(geteuid(), &entry, buffer.data(), buffer.size(), &pw) == 0 && pw &&
        pw->pw_name)
        user = pw->pw_name;
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    return user + "@" + (host[0] ? host : "localhost");
}

std::string opt_text(const SQLite::Column& c)
{
    return c.isNull() ? std::string("\\N") : c.getString();
}

// The bytes a row's hash covers: the previous hash and every field, each
// field length-prefixed so that no two rows can serialise alike.
std::string canonical(const std::string& prev_hash, const std::string& at, const std::string& actor,
                      const std::string& os_user, const std::string& action,
                      const std::string& entity, const std::string& entity_id,
                      const std::string& client_id, const std::string& outcome,
                      const std::string& detail)
{
    std::string out;
    for (const std::string* f : {&prev_hash, &at, &actor, &os_user, &action, &entity, &entity_id,
                                 &client_id, &outcome, &detail}) {
        out += std::to_string(f->size());
        out += ':';
        out += *f;
        out += '\n';
    }
    return out;
}

std::string id_text(const std::optional<std::int64_t>& v)
{
    return v ? std::to_string(*v) : std::string("\\N");
}

} // namespace

// Nettle: a small, well-kept library whose SHA-256 needs no global set-up
// (OpenSSL's start-up cost more than the rest of a 'session add').
struct Sha256::State {
    sha256_ctx ctx;
};

Sha256::Sha256() : m_state(new State)
{
    sha256_init(&m_state->ctx);
}

Sha256::~Sha256()
{
    delete m_state;
}

void Sha256::update(std::string_view data)
{
    sha256_update(&m_state->ctx, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
}

void Sha256::update(const Sha256Digest& data)
{
    sha256_update(&m_state->ctx, data.size(), data.data());
}

Sha256Digest Sha256::digest()
{
    Sha256Digest out;
    sha256_digest(&m_state->ctx, out.size(), out.data());
    return out;
}

Sha256Digest sha256_of(std::string_view data)
{
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
    Sha256Digest out;
    sha256_digest(&ctx, out.size(), out.data());
    return out;
}

std::string to_hex(const Sha256Digest& digest)
{
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(2 * digest.size());
    for (std::uint8_t b : digest) {
        out += digits[b >> 4];
        out += digits[b & 0xf];
    }
    return out;
}

std::string sha256_hex(std::string_view data)
{
    Sha256 hash;
    hash.update(data);
    return hash.hex();
}

Actor resolve_actor(const std::string& by, std::string_view by_label)
{
    std::string name = by;
    std::string_view field = by_label;
    if (name.empty()) {
        if (const char* env = std::getenv("MASSAGELOG_USER"); env && *env) {
            name = env;
            field = "MASSAGELOG_USER";
        }
    }
    if (name.empty()) {
        if (const char* login = getlogin(); login && *login)
            name = login;
        else if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name)
            name = pw->pw_name;
        else
            name = "uid" + std::to_string(geteuid());
        field = "login name";
    }
    return Actor{checked_text(name, field, TextKind::line), os_account()};
}

void append_audit(SQLite::Database& db, const Actor& actor, Instant at, const AuditEntry& entry,
                  StatementCache* cache)
{
    std::string prev = k_genesis;
    {
        auto last = StatementCache::from(
            cache, db, "SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1");
        if (last->executeStep())
            prev = last->getColumn(0).getString();
    }
    const std::string at_text = to_utc_text(at);
    const std::string detail = entry.detail.dump();
    const std::string& outcome = entry.outcome;
    const std::string hash =
        sha256_hex(canonical(prev, at_text, actor.name, actor.os_user, entry.action, entry.entity,
                             id_text(entry.entity_id), id_text(entry.client_id), outcome, detail));
    auto lease = StatementCache::from(
        cache, db,
        "INSERT INTO audit_log (at, actor, os_user, action, entity, entity_id, client_id, "
        "outcome, detail, prev_hash, row_hash) VALUES (:at, :actor, :os_user, :action, "
        ":entity, :entity_id, :client_id, :outcome, :detail, :prev_hash, :row_hash)");
    SQLite::Statement& insert = *lease;
    insert.bind(":at", at_text);
    insert.bind(":actor", actor.name);
    insert.bind(":os_user", actor.os_user);
    insert.bind(":action", entry.action);
    insert.bind(":entity", entry.entity);
    if (entry.entity_id)
        insert.bind(":entity_id", *entry.entity_id);
    if (entry.client_id)
        insert.bind(":client_id", *entry.client_id);
    insert.bind(":outcome", outcome);
    insert.bind(":detail", detail);
    insert.bind(":prev_hash", prev);
    insert.bind(":row_hash", hash);
    insert.exec();
}

AuditChainReport verify_audit_chain(SQLite::Database& db)
{
    AuditChainReport report;
    SQLite::Statement rows(db, "SELECT id, at, actor, os_user, action, entity, entity_id, "
                               "client_id, outcome, detail, prev_hash, row_hash FROM audit_log "
                               "ORDER BY id");
    std::string expected_prev = k_genesis;
    while (rows.executeStep()) {
        ++report.rows;
        std::int64_t id = rows.getColumn(0).getInt64();
        std::string prev = rows.getColumn(10).getString();
        std::string stored = rows.getColumn(11).getString();
        std::string computed = sha256_hex(canonical(
            prev, rows.getColumn(1).getString(), rows.getColumn(2).getString(),
            rows.getColumn(3).getString(), rows.getColumn(4).getString(),
            rows.getColumn(5).getString(), opt_text(rows.getColumn(6)),
            opt_text(rows.getColumn(7)), rows.getColumn(8).getString(),
            rows.getColumn(9).getString()));
        if (prev != expected_prev) {
            report.first_bad_id = id;
            report.problem = fmt::format("audit row {} does not follow the row before it "
                                         "(a row was removed or inserted)",
                                         id);
            return report;
        }
        if (computed != stored) {
            report.first_bad_id = id;
            report.problem = fmt::format("audit row {} was changed after it was written", id);
            return report;
        }
        expected_prev = stored;
    }
    return report;
}

} // namespace massagelog
