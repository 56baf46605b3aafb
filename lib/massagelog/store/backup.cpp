#include "massagelog/store/backup.hpp"

#include "massagelog/store/audit.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/database.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/core/values.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace massagelog {

namespace {

namespace fs = std::filesystem;

std::string file_sha256(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw OperationalError(fmt::format("cannot read {}", path));
    Sha256 hash;
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
    }
    return hash.hex();
}

// A new, empty, private file next to `path`; returns its name.
std::string private_temp_next_to(const std::string& path)
{
    fs::path target(path);
    std::string folder = target.has_parent_path() ? target.parent_path().string() : ".";
    std::string pattern = folder + "/." + target.filename().string() + ".tmp-XXXXXX";
    int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw OperationalError(fmt::format("cannot write {}: {}", path, std::strerror(errno)),
                               "check that the folder exists and is writable");
    ::close(fd);
    return pattern;
}

// Copies `source` into the file `path` (created 0600 beforehand) as a
// self-contained database in rollback-journal mode.
void copy_into_file(SQLite::Database& source, const std::string& path)
{
    SQLite::Database copy(path, SQLite::OPEN_READWRITE);
    SQLite::Backup backup(copy, source);
    backup.executeStep(-1);
    copy.exec("PRAGMA journal_mode = DELETE");
}

// Removes a temporary file (and any journal SQLite left) unless kept.
struct TempFile {
    std::string path; // empty until created
    bool keep = false;
    ~TempFile()
    {
        if (!keep && !path.empty())
            for (const char* suffix : {"", "-journal", "-wal", "-shm"})
                std::remove((path + suffix).c_str());
    }
};

// A verdict line, then its items indented, and how many more there were
// than the list keeps.
void verdict(std::string& out, const std::string& line, const std::vector<std::string>& listed,
             long long count)
{
    out += line + '\n';
    for (const auto& item : listed)
        out += "  " + item + '\n';
    if (count > static_cast<long long>(listed.size()))
        out += fmt::format("  ... and {} more\n", count - static_cast<long long>(listed.size()));
}

// "1 stored time", "3 stored times".
std::string counted(long long n, std::string_view noun)
{
    return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

} // namespace

std::string DatabaseCheck::summary() const
{
    std::string out;
    out += fmt::format("integrity:    {}\n", integrity_ok ? "ok" : "FAILED: " + integrity);
    out += fmt::format("foreign keys: {}\n",
                       foreign_key_problems == 0
                           ? std::string("ok")
                           : fmt::format("FAILED: {} rows refer to missing rows",
                                         foreign_key_problems));
    out += fmt::format("audit chain:  {}\n", audit_problem.empty()
                                                 ? fmt::format("ok ({} rows)", audit_rows)
                                                 : "FAILED: " + audit_problem);
    if (rows.applies)
        verdict(out,
                rows.problem_count == 0
                    ? fmt::format("rows:         ok ({} rows as massagelog wrote them)", rows.rows)
                    : fmt::format("rows:         FAILED: {} ({} rows read)",
                                  counted(rows.problem_count, "problem"), rows.rows),
                rows.problems, rows.problem_count);
    // What is listed only when there is any of it.
    struct Listed {
        long long count;
        const std::vector<std::string>& items;
        std::string line;
    };
    std::string range = fmt::format("outside {} .. {}", k_earliest_text, k_latest_text);
    for (const Listed& l :
         {Listed{bad_time_count, bad_times,
                 fmt::format("times:        FAILED: {} {}, which no list, report or export can "
                             "read",
                             counted(bad_time_count, "stored time"), range)},
          Listed{voided_time_count, voided_times,
                 fmt::format("warnings:     {} {} on voided sessions (kept as recorded; they no "
                             "longer count)",
                             counted(voided_time_count, "stored time"), range)},
          Listed{side_warning_count, side_warnings,
                 fmt::format("warnings:     {} that do{} not fit the region (kept as recorded; "
                             "entry refuses such sides now)",
                             counted(side_warning_count, "stored side"),
                             side_warning_count == 1 ? "es" : "")}})
        if (l.count > 0)
            verdict(out, l.line, l.items, l.count);
    return out;
}

DatabaseCheck check_database(SQLite::Database& db)
{
    DatabaseCheck c;
    c.schema_version = schema_version(db);
    SQLite::Statement integrity(db, "PRAGMA integrity_check(20)");
    std::vector<std::string> lines;
    while (integrity.executeStep())
        lines.push_back(integrity.getColumn(0).getString());
    c.integrity_ok = lines.size() == 1 && lines[0] == "ok";
    for (const auto& l : lines)
        c.integrity += (c.integrity.empty() ? "" : "; ") + l;
    SQLite::Statement fk(db, "PRAGMA foreign_key_check");
    while (fk.executeStep())
        ++c.foreign_key_problems;
    // Which rows still count: a time on a voided session (or on a report or
    // call about one) is only a warning once staff have voided it.
    constexpr const char* k_on_voided =
        "session_id IN (SELECT id FROM sessions WHERE voided_at IS NOT NULL)";
    struct TimeColumns {
        const char* table;
        std::vector<const char*> columns;
        const char* voided; // SQL true for a row that no longer counts
    };
    static const std::vector<TimeColumns> k_times = {
        {"clients", {"created_at", "archived_at"}, "0"},
        {"therapists", {"created_at"}, "0"},
        {"sessions", {"started_at", "created_at", "voided_at"}, "voided_at IS NOT NULL"},
        {"reports", {"onset_at", "reported_at", "resolved_at", "created_at"}, k_on_voided},
        {"followups", {"contacted_at"}, k_on_voided},
        {"flag_reviews", {"reviewed_at"}, "0"},
        {"health_history", {"recorded_at"}, "0"},
        {"audit_log", {"at"}, "0"}};
    for (const auto& [table, columns, voided] : k_times) {
        for (const char* column : columns) {
            // Names from the list above, never from input; the bounds are bound.
            SQLite::Statement q(db, fmt::format("SELECT id, {1}, {2} FROM {0} WHERE {1} < "
                                                ":earliest OR {1} > :latest ORDER BY id",
                                                table, column, voided));
            q.bind(":earliest", std::string(k_earliest_text));
            q.bind(":latest", std::string(k_latest_text));
            while (q.executeStep()) {
                std::string named = fmt::format("{} {} {} {}", table, q.getColumn(0).getInt64(),
                                                column, q.getColumn(1).getString());
                bool counts = q.getColumn(2).getInt() == 0;
                long long& count = counts ? c.bad_time_count : c.voided_time_count;
                auto& listed = counts ? c.bad_times : c.voided_times;
                if (count++ < DatabaseCheck::k_warnings_listed)
                    listed.push_back(std::move(named));
            }
        }
    }
    SQLite::Statement sides(db, R"sql(
SELECT 'session ' || sr.session_id, g.name, sr.side, g.paired
  FROM session_regions sr JOIN regions g ON g.id = sr.region_id
 WHERE (g.paired AND sr.side = 'midline') OR (NOT g.paired AND sr.side <> 'midline')
UNION ALL
SELECT 'report ' || r.id, g.name, r.side, g.paired
  FROM reports r JOIN regions g ON g.id = r.region_id
 WHERE (g.paired AND r.side = 'midline') OR (NOT g.paired AND r.side <> 'midline'))sql");
    while (sides.executeStep()) {
        if (c.side_warning_count++ < DatabaseCheck::k_warnings_listed)
            c.side_warnings.push_back(fmt::format(
                "{}: {} {} (the {} takes {})", sides.getColumn(0).getString(),
                sides.getColumn(1).getString(), sides.getColumn(2).getString(),
                sides.getColumn(1).getString(),
                sides.getColumn(3).getInt() ? "left, right or both" : "midline"));
    }
    try {
        auto chain = verify_audit_chain(db);
        c.audit_rows = chain.rows;
        c.audit_problem = chain.problem;
    } catch (const SQLite::Exception& e) {
        c.audit_problem = fmt::format("the audit log cannot be read: {}", e.what());
    }
    try {
        c.rows = verify_row_digests(db);
    } catch (const SQLite::Exception& e) {
        c.rows.applies = true;
        c.rows.problem_count = 1;
        c.rows.problems.push_back(fmt::format("the rows cannot be read: {}", e.what()));
    }
    return c;
}

namespace {

enum class Verify { yes, no };

// Writes a copy of the open database to a private temporary file next to
// `path`, checked when asked; the caller renames it into place.
std::string copy_to_temp(Clinic& clinic, const std::string& path, Verify verify, TempFile& temp)
{
    temp.path = private_temp_next_to(path);
    copy_into_file(clinic.db(), temp.path);
    if (verify == Verify::yes) {
        SQLite::Database copy(temp.path, SQLite::OPEN_READONLY);
        DatabaseCheck check = check_database(copy);
        if (!check.intact())
            throw OperationalError("the backup failed its checks:\n" + check.summary(),
                                   "the database itself may be damaged: run " +
                                       clinic.next(Next::check_database));
    }
    return file_sha256(temp.path);
}

void move_into_place(TempFile& temp, const std::string& path)
{
    if (std::rename(temp.path.c_str(), path.c_str()) != 0)
        throw OperationalError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    temp.keep = true;
}

} // namespace

std::string backup_database(Clinic& clinic, const std::string& path)
{
    if (fs::exists(path))
        throw InputError(fmt::format("FILE {} exists already", quote_value(path)),
                         "give a new file name; a backup never overwrites");
    TempFile temp;
    std::string sha256 = copy_to_temp(clinic, path, Verify::yes, temp);
    clinic.write([&] {
        clinic.audit({"backup", "database", std::nullopt, std::nullopt,
                      {{"path", fs::absolute(path).string()}, {"sha256", sha256}}});
        move_into_place(temp, path);
    });
    return sha256;
}

RestoreResult restore_database(Clinic& clinic, const std::string& path)
{
    if (!fs::exists(path))
        throw InputError(fmt::format("FILE {} does not exist", quote_value(path)));
    RestoreResult result;
    result.sha256 = file_sha256(path);
    std::unique_ptr<SQLite::Database> source;
    try {
        source = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY);
        DatabaseCheck check = check_database(*source);
        if (check.schema_version < 1 || check.schema_version > latest_schema_version())
            throw OperationalError(fmt::format("{} has schema version {}; this massagelog reads "
                                               "1 to {}",
                                               path, check.schema_version, latest_schema_version()));
        if (!check.intact())
            throw OperationalError(fmt::format("{} failed its checks; nothing was restored:\n{}",
                                               path, check.summary()));
    } catch (const SQLite::Exception& e) {
        throw OperationalError(fmt::format("{} is not a usable massagelog backup: {}", path,
                                           e.what()),
                               "nothing was restored");
    }

    // Keep the database as it was, unless it holds nothing yet.
    long long rows = clinic.db()
                         .execAndGet("SELECT (SELECT count(*) FROM clients) + (SELECT count(*) "
                                     "FROM therapists) + (SELECT count(*) FROM sessions)")
                         .getInt64();
    if (rows > 0) {
        // Saved as it is, damaged or not: it may be why the backup is needed.
        std::string stamp = to_utc_text(clinic.clock().now());
        stamp.erase(std::remove(stamp.begin(), stamp.end(), ':'), stamp.end());
        std::string name = clinic.path() + ".before-restore-" + stamp;
        for (int n = 2; fs::exists(name); ++n)
            name = fmt::format("{}.before-restore-{}-{}", clinic.path(), stamp, n);
        TempFile temp;
        copy_to_temp(clinic, name, Verify::no, temp);
        move_into_place(temp, name);
        result.saved_previous = name;
    }
    {
        SQLite::Backup restore(clinic.db(), *source);
        restore.executeStep(-1);
    }
    clinic.write([&] {
        clinic.audit({"restore", "database", std::nullopt, std::nullopt,
                      {{"source", fs::absolute(path).string()},
                       {"sha256", result.sha256},
                       {"saved_previous", result.saved_previous}}});
    });
    return result;
}

} // namespace massagelog
