#include "massagelog/store/database.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/core/text.hpp"
#include "massagelog/store/migrations.hpp"
#include "massagelog/store/row_digests.hpp"
#include "massagelog/core/values.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <optional>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace massagelog {

namespace {

namespace fs = std::filesystem;

// Creates the file with mode 0600 (and missing parent folders with 0700)
// before SQLite opens it, so health data is never world-readable, whatever
// the umask.
void create_private_file(const std::string& path)
{
    fs::path p(path);
    if (p.has_parent_path() && !fs::exists(p.parent_path())) {
        std::error_code ec;
        fs::create_directories(p.parent_path(), ec);
        if (ec)
            throw OperationalError(fmt::format("cannot create folder {}: {}",
                                               p.parent_path().string(), ec.message()));
        fs::permissions(p.parent_path(), fs::perms::owner_all, ec);
    }
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return;
        throw OperationalError(fmt::format("cannot create {}: {}", path, std::strerror(errno)));
    }
    ::close(fd);
}

// match_key(TEXT) in SQL: the key names are compared by (core/text.hpp).
void sql_match_key(sqlite3_context* context, int, sqlite3_value** argv)
{
    const auto* text = sqlite3_value_text(argv[0]);
    if (!text) {
        sqlite3_result_null(context);
        return;
    }
    try {
        std::string key = match_key(std::string_view(reinterpret_cast<const char*>(text),
                                                     static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
        sqlite3_result_text(context, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    } catch (const std::exception& e) {
        sqlite3_result_error(context, e.what(), -1);
    }
}

void apply_pragmas(SQLite::Database& db, OpenMode mode)
{
    if (sqlite3_create_function_v2(db.getHandle(), "match_key", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                   sql_match_key, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw OperationalError("cannot register match_key with SQLite");
    db.setBusyTimeout(5000);
    int defensive = 0;
    sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_DEFENSIVE, 1, &defensive);
    if (defensive != 1)
        throw OperationalError("SQLite refused defensive mode");
    db.exec("PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF; PRAGMA secure_delete = ON; "
            "PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0; PRAGMA synchronous = FULL;");
    if (mode != OpenMode::read_only) {
        SQLite::Statement wal(db, "PRAGMA journal_mode = WAL");
        wal.executeStep();
    }
}

// Refuses, before anything is written, a path that cannot be a clinic's
// database: a folder, or a SQLite file of another program. SQLite itself
// would switch such a file to WAL (changing bytes 18, 19 and 28) before the
// schema could be read, so it is looked at read-only first.
// Whether this process has opened a database yet. Until it has, it holds no
// lock on any database file that closing a descriptor could drop.
std::atomic<bool> g_connected{false};

// The user_version a SQLite file's header holds (bytes 60-63); nullopt when
// the file is not a SQLite database. A command's first open reads the
// bytes itself, which is quickest. Later (a server opening more
// connections) it reads through SQLite, never a descriptor of its own:
// closing any descriptor of a file drops every POSIX lock this process
// holds on it, and another process would then take the file as unused and
// remove the WAL this one still writes to. SQLite keeps such a descriptor
// open until the process's last lock on the file goes.
std::optional<std::uint32_t> header_user_version(const std::string& path)
{
    if (!g_connected) {
        unsigned char head[64] = {};
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            return std::nullopt;
        ssize_t got = ::read(fd, head, sizeof head);
        ::close(fd);
        if (got != static_cast<ssize_t>(sizeof head) || std::memcmp(head, "SQLite format 3", 16) != 0)
            return std::nullopt;
        return (std::uint32_t{head[60]} << 24) | (std::uint32_t{head[61]} << 16) |
               (std::uint32_t{head[62]} << 8) | std::uint32_t{head[63]};
    }
    sqlite3* db = nullptr;
    std::optional<std::uint32_t> version;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt* q = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, nullptr) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_ROW)
            version = static_cast<std::uint32_t>(sqlite3_column_int64(q, 0));
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return version;
}

void refuse_foreign_file(const std::string& path, OpenMode mode, const Wording& words)
{
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0)
        return; // created below, or reported missing
    if (S_ISDIR(st.st_mode))
        throw InputError(fmt::format("database {} is a folder", quote_value(path)),
                         fmt::format("give the database file, e.g. {} {}/clinic.db",
                                     words.label("db"), path));
    if (!S_ISREG(st.st_mode) || st.st_size == 0)
        return;
    // A clinic's file at its schema version is what nearly every command
    // meets: its header says so, and it is not opened twice.
    auto header_version = header_user_version(path);
    if (!header_version ||
        (*header_version > 0 && mode != OpenMode::create && mode != OpenMode::migrate))
        return;
    std::unique_ptr<SQLite::Database> peek;
    try {
        peek = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOFOLLOW);
        int version = schema_version(*peek);
        long long tables = peek->execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")
                               .getInt64();
        bool ours = peek->execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                                     "AND (name = 'audit_log' OR name = 'settings')")
                        .getInt() == 2;
        if ((version == 0 && tables == 0) || (version > 0 && ours))
            return;
    } catch (const SQLite::Exception&) {
        return; // damaged, or not SQLite at all: opening it reports that (exit 1)
    }
    throw InputError(fmt::format("{} is a SQLite database of another program, not a "
                                 "massagelog database",
                                 quote_value(path)),
                     fmt::format("nothing was changed; give {} a massagelog database or a new "
                                 "file name",
                                 words.label("db")));
}

} // namespace

std::string resolve_database_path(const std::string& db_flag, const Wording& words)
{
    if (!db_flag.empty())
        return db_flag;
    if (const char* env = std::getenv("MASSAGELOG_DB"); env && *env)
        return env;
    std::string base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::string(home) + "/.local/share";
    else
        throw OperationalError("cannot tell where the database lives",
                               fmt::format("pass {} PATH or set MASSAGELOG_DB", words.label("db")));
    return base + "/massagelog/clinic.db";
}

int schema_version(SQLite::Database& db)
{
    return db.execAndGet("PRAGMA user_version").getInt();
}

int latest_schema_version()
{
    return migrations().empty() ? 0 : migrations().back().version;
}

bool is_constraint(const SQLite::Exception& e)
{
    return (e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT;
}

int migrate(SQLite::Database& db, const Actor& actor, Instant now)
{
    int ran = 0;
    for (const Migration& m : migrations()) {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        int from = schema_version(db);
        if (m.version <= from)
            continue;
        db.exec(std::string(m.sql));
        db.exec(fmt::format("PRAGMA user_version = {}", m.version));
        AuditEntry entry{"migrate", "database", std::nullopt, std::nullopt,
                         {{"from", from}, {"to", m.version}, {"file", m.file}}};
        // Rows written before digests, or before a migration that changes
        // what a row holds, are taken as they stand: a new baseline.
        if (m.version >= k_row_digest_version)
            entry.detail["digests"] = all_rows_digests(db);
        append_audit(db, actor, now, entry);
        tx.commit();
        ++ran;
    }
    return ran;
}

std::unique_ptr<SQLite::Database> open_database(const std::string& path, OpenMode mode,
                                                const Actor& actor, Instant now,
                                                const Wording& words)
{
    refuse_foreign_file(path, mode, words);
    if (mode == OpenMode::create)
        create_private_file(path);
    else if (!fs::exists(path))
        throw OperationalError(fmt::format("database {} does not exist", path),
                               fmt::format("run {} to create it, or pass {} PATH",
                                           words.next(Next::create_database, {}),
                                           words.label("db")));
    if (mode != OpenMode::read_only && ::access(path.c_str(), W_OK) != 0)
        throw OperationalError(fmt::format("database {} is read-only: {}", path,
                                           std::strerror(errno)),
                               "check the file's owner and permissions");

    // SQLite counts every allocation under a global mutex for
    // sqlite3_memory_used(), which nothing here reads; it can only be turned
    // off before SQLite starts (later the call is refused, harmlessly).
    static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)memstatus_off;

    g_connected = true;
    int flags = mode == OpenMode::read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
    // Each connection is used by one thread at a time (a bulk import hands
    // it to its writing thread; the server gives each request one of its
    // own): SQLite's own mutexes would only cost time.
    auto db = std::make_unique<SQLite::Database>(path, flags | SQLite::OPEN_NOFOLLOW |
                                                           SQLite::OPEN_NOMUTEX);
    apply_pragmas(*db, mode);

    int version = schema_version(*db);
    if (version > latest_schema_version())
        throw OperationalError(
            fmt::format("database {} has schema version {}, newer than this massagelog "
                        "understands ({})",
                        path, version, latest_schema_version()),
            "upgrade massagelog");
    if (version < latest_schema_version()) {
        if (mode == OpenMode::create || mode == OpenMode::migrate)
            migrate(*db, actor, now);
        else if (version == 0)
            throw OperationalError(fmt::format("{} is not a massagelog database", path),
                                   fmt::format("run {} to create one",
                                               words.next(Next::create_database, {})));
        else
            throw OperationalError(
                fmt::format("database {} has schema version {}; this massagelog needs {}", path,
                            version, latest_schema_version()),
                fmt::format("back it up with {}, then run {}", words.next(Next::backup_database, {}),
                            words.next(Next::migrate_database, {})));
    }
    return db;
}

} // namespace massagelog
