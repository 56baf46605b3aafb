#pragma once
// The append-only audit log and its hash chain.

#include "massagelog/core/time.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace SQLite {
class Database;
}

namespace massagelog {

class StatementCache;

// Who makes a change: the name given (--by, MASSAGELOG_USER or the login
// name) and the operating-system account it ran under.
struct Actor {
    std::string name;
    std::string os_user; // user@host
};

// Resolves the actor: `by` when not empty, else MASSAGELOG_USER, else the
// login name. Throws InputError when the name is not one line of text,
// naming `by` as `by_label` ("--by" on the command line).
Actor resolve_actor(const std::string& by, std::string_view by_label = "by");

struct AuditEntry {
    std::string action; // create, update, void, archive, review, export, import, ...
    std::string entity; // table or object: client, session, setting, database, ...
    std::optional<std::int64_t> entity_id;
    std::optional<std::int64_t> client_id;
    nlohmann::json detail = nlohmann::json::object();
    std::string outcome = "ok"; // or "failed": what was tried did not happen
};

// Appends one row, chained to the previous one. Call inside the write
// transaction of the change it records. Throws SQLite::Exception. With
// `cache` (the connection's), its statements are prepared once.
void append_audit(SQLite::Database& db, const Actor& actor, Instant at, const AuditEntry& entry,
                  StatementCache* cache = nullptr);

struct AuditChainReport {
    std::int64_t rows = 0;
    std::optional<std::int64_t> first_bad_id; // empty when the chain holds
    std::string problem;
};

// Recomputes every row's hash in id order and reports the first row that
// does not match (edited, inserted out of band, or following a removed row).
AuditChainReport verify_audit_chain(SQLite::Database& db);

// Hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// A SHA-256 digest as bytes, and as lowercase hex.
using Sha256Digest = std::array<std::uint8_t, 32>;
Sha256Digest sha256_of(std::string_view data);
std::string to_hex(const Sha256Digest& digest);

// SHA-256 over data that arrives in pieces (an export as it is written).
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view data);
    void update(const Sha256Digest& data);
    // The digest; call one of them once, at the end.
    Sha256Digest digest();
    std::string hex() { return to_hex(digest()); }

private:
    struct State;
    State* m_state;
};

} // namespace massagelog
