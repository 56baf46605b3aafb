#pragma once
// How the session writer writes: a checked session in stored form, its
// columns (bound to a statement, or digested), and the statements that
// insert sessions with their regions one at a time or many at once.

#include "massagelog/records/sessions.hpp"
#include "massagelog/store/audit.hpp"
#include "massagelog/store/bulk_insert.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace massagelog {

// A checked session ready to insert, its texts in the stored form.
struct PendingSession {
    struct Worked {
        std::int64_t region_id;
        std::string_view
            side; // a string literal (EnumNames<Side>): outlives statements, ends in NUL
        int pressure;
        bool focal;
    };
    long long tag = 0;
    std::optional<std::int64_t> id;
    std::int64_t client_id = 0, therapist_id = 0, technique_id = 0;
    std::string started_at, created_by, created_at;
    int duration_min = 0, pressure = 0;
    std::optional<std::string> notes, voided_at, void_reason;
    std::vector<Worked> regions;
};


// The digest of a session (with its id) as it will stand once written:
// its regions in the order of their key, as row_digest reads them back.
Sha256Digest digest_of(const PendingSession& p);

// Writes sessions with their regions: one at a time, or queued ones many to
// a statement; with `cache` (the connection's), the statements are kept.
class SessionInserts {
public:
    using Refused = std::function<void(const SessionWriter::Refusal&)>;

    explicit SessionInserts(SQLite::Database& db, StatementCache* cache = nullptr);
    std::int64_t one(const PendingSession& p);
    // Writes `rows` (each with its id) many to a statement; the rows of a
    // statement SQLite refuses are written again one by one, and each row
    // refused then goes to `refused`.
    void many(std::span<const PendingSession> rows, const Refused& refused);

private:
    struct Worked {
        const PendingSession* session;
        const PendingSession::Worked* region;
    };
    void region(std::int64_t session_id, const PendingSession::Worked& r);
    void each(std::span<const PendingSession> rows, const Refused& refused);
    void regions(std::span<const PendingSession> sessions, const Refused& refused);

    SQLite::Database& m_db;
    MultiRowInsert m_sessions;
    MultiRowInsert m_regions;
    std::vector<Worked> m_worked;
};

} // namespace massagelog
