// Backups are checked copies, never written over; a restore takes only a
// backup that passes its checks, and keeps the database as it was.

#include "fixture.hpp"

#include <massagelog/records/people.hpp>
#include <massagelog/store/audit.hpp>
#include <massagelog/store/backup.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

std::string file_sha(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return sha256_hex(out.str());
}

long long clients(SQLite::Database& db)
{
    return db.execAndGet("SELECT count(*) FROM clients").getInt64();
}

} // namespace

TEST_CASE_METHOD(ClinicFixture, "backup::backup_database", "[db][backup]")
{
    TempDir dir;
    add_client(clinic(), {"Ana Souza", {}, {}, {}, {}});
    std::string path = dir.file("backup.db");
    std::string sha = backup_database(clinic(), path);
    CHECK(sha == file_sha(path));
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    SQLite::Database copy(path, SQLite::OPEN_READONLY);
    CHECK(check_database(copy).ok());
    CHECK(clients(copy) == 1);
    auto audited = db().execAndGet("SELECT detail FROM audit_log WHERE action = 'backup'").getString();
    CHECK_THAT(audited, Catch::Contains(sha));
    SECTION("never over an existing file")
    {
        refused([&] { backup_database(clinic(), path); }, "exists already");
        CHECK(file_sha(path) == sha);
    }
}

TEST_CASE_METHOD(ClinicFixture, "backup::restore_database", "[db][backup]")
{
    TempDir dir;
    add_client(clinic(), {"Ana Souza", {}, {}, {}, {}});
    std::string path = dir.file("backup.db");
    backup_database(clinic(), path);
    add_client(clinic(), {"Bruno Keller", {}, {}, {}, {}});
    SECTION("brings back the backup and keeps the database as it was beside it")
    {
        RestoreResult r = restore_database(clinic(), path);
        CHECK(r.sha256 == file_sha(path));
        REQUIRE_FALSE(r.saved_previous.empty());
        SQLite::Database before(r.saved_previous, SQLite::OPEN_READONLY);
        CHECK(clients(before) == 2);
        Clinic reopened(ClinicOptions{this->path(), "", "tester", OpenMode::read_write, fixed_now()});
        CHECK(clients(reopened.db()) == 1);
        CHECK(reopened.db().execAndGet("SELECT count(*) FROM audit_log WHERE action = 'restore'")
                  .getInt() == 1);
        CHECK(check_database(reopened.db()).ok());
    }
    SECTION("a backup that fails its checks is refused and nothing changes")
    {
        {
            SQLite::Database tamper(path, SQLite::OPEN_READWRITE);
            tamper.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'x'");
        }
        CHECK_THROWS_WITH(restore_database(clinic(), path), Catch::Contains("failed its checks"));
        CHECK(clients(db()) == 2);
    }
    SECTION("a file that is not a database is refused")
    {
        std::ofstream(dir.file("junk.db")) << std::string(4096, 'j');
        CHECK_THROWS_AS(restore_database(clinic(), dir.file("junk.db")), OperationalError);
        CHECK(clients(db()) == 2);
    }
}
