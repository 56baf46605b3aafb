#include "fixture.hpp"

#include <massagelog/store/audit.hpp>
#include <massagelog/store/database.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/store/migrations.hpp>
#include <massagelog/store/digest_check.hpp>
#include <massagelog/store/row_digests.hpp>

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>

using namespace massagelog;
using namespace massagelog::testing;

TEST_CASE("database::open", "[db]")
{
    ClinicFixture f;
    SECTION("schema at the latest version, created 0600")
    {
        CHECK(schema_version(f.db()) == 8);
        CHECK(latest_schema_version() == 8);
        struct stat st {};
        REQUIRE(::stat(f.path().c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
    }
    SECTION("every connection has the pragmas of SPEC 7")
    {
        CHECK(f.db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
        CHECK(f.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
        CHECK(f.db().execAndGet("PRAGMA synchronous").getInt() == 2);
        CHECK(f.db().execAndGet("PRAGMA busy_timeout").getInt() == 5000);
        CHECK(f.db().execAndGet("PRAGMA trusted_schema").getInt() == 0);
        CHECK(f.db().execAndGet("PRAGMA secure_delete").getInt() == 1);
        CHECK(f.db().execAndGet("PRAGMA cell_size_check").getInt() == 1);
        CHECK(f.db().execAndGet("PRAGMA mmap_size").getInt() == 0);
        int defensive = -1;
        sqlite3_db_config(f.db().getHandle(), SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
        CHECK(defensive == 1);
    }
    SECTION("seeded techniques and regions")
    {
        CHECK(f.db().execAndGet("SELECT count(*) FROM techniques").getInt() == 14);
        CHECK(f.db().execAndGet("SELECT group_concat(name) FROM techniques WHERE deep ORDER BY id").getString() ==
              "deep-tissue,trigger-point,neuromuscular,sports");
        CHECK(f.db().execAndGet("SELECT count(*) FROM regions").getInt() == 18);
        CHECK(f.db().execAndGet("SELECT group_concat(name) FROM regions WHERE nerve_risk").getString() ==
              "neck,shoulder,upper-arm");
        CHECK(f.db().execAndGet("SELECT group_concat(name) FROM regions WHERE visceral").getString() ==
              "chest,abdomen");
    }
    SECTION("each migration is audited")
    {
        CHECK(f.db().execAndGet("SELECT action || ' ' || detail FROM audit_log WHERE id = 1").getString() ==
              R"(migrate {"file":"0001_initial.sql","from":0,"to":1})");
        CHECK(f.db().execAndGet("SELECT action || ' ' || detail FROM audit_log WHERE id = 2").getString() ==
              R"(migrate {"file":"0002_reports_client.sql","from":1,"to":2})");
    }
}

TEST_CASE("database::refusals", "[db]")
{
    TempDir dir;
    Actor actor{"tester", "tester@host"};
    SECTION("a missing file is an operational error unless creating")
    {
        CHECK_THROWS_AS(open_database(dir.file("none.db"), OpenMode::read_write, actor, fixed_now()),
                        OperationalError);
        CHECK_FALSE(std::filesystem::exists(dir.file("none.db")));
    }
    SECTION("a database from a newer massagelog is refused")
    {
        std::string path = dir.file("newer.db");
        {
            auto db = open_database(path, OpenMode::create, actor, fixed_now());
            db->exec("PRAGMA user_version = 9");
        }
        CHECK_THROWS_WITH(open_database(path, OpenMode::read_write, actor, fixed_now()),
                          Catch::Contains("schema version 9, newer than this massagelog"));
    }
    SECTION("a file that is not SQLite is refused")
    {
        std::string path = dir.file("junk.db");
        {
            std::ofstream out(path);
            out << std::string(8192, 'x');
        }
        CHECK_THROWS(open_database(path, OpenMode::read_write, actor, fixed_now()));
    }
}

TEST_CASE("database::triggers", "[db]")
{
    ClinicFixture f;
    SECTION("the audit log refuses UPDATE and DELETE")
    {
        CHECK_THROWS_WITH(f.db().exec("UPDATE audit_log SET actor = 'x'"), Catch::Contains("append-only"));
        CHECK_THROWS_WITH(f.db().exec("DELETE FROM audit_log"), Catch::Contains("append-only"));
    }
    SECTION("clinical rows are never deleted")
    {
        f.db().exec("INSERT INTO clients (name, created_at) VALUES ('A', '2026-11-21T10:00:00Z')");
        CHECK_THROWS_WITH(f.db().exec("DELETE FROM clients"), Catch::Contains("archived, never deleted"));
    }
    SECTION("constraints live in the schema")
    {
        f.db().exec("INSERT INTO clients (name, created_at) VALUES ('A', '2026-11-21T10:00:00Z')");
        f.db().exec("INSERT INTO therapists (name, created_at) VALUES ('T', '2026-11-21T10:00:00Z')");
        auto bad_session = [&](const std::string& values) {
            return "INSERT INTO sessions (client_id, therapist_id, started_at, duration_min, technique_id, "
                   "pressure, created_by, created_at) VALUES (" + values + ")";
        };
        CHECK_NOTHROW(f.db().exec(bad_session("1, 1, '2026-11-21T10:00:00Z', 60, 1, 3, 'x', '2026-11-21T10:00:00Z'")));
        CHECK_THROWS(f.db().exec(bad_session("1, 1, '2026-11-21T10:00:00Z', 60, 1, 7, 'x', '2026-11-21T10:00:00Z'")));
        CHECK_THROWS(f.db().exec(bad_session("1, 1, '2026-11-21 10:00', 60, 1, 3, 'x', '2026-11-21T10:00:00Z'")));
        CHECK_THROWS(f.db().exec(bad_session("1, 1, '2026-11-21T10:00:00Z', 2, 1, 3, 'x', '2026-11-21T10:00:00Z'")));
        CHECK_THROWS(f.db().exec(bad_session("99, 1, '2026-11-21T10:00:00Z', 60, 1, 3, 'x', '2026-11-21T10:00:00Z'")));
        CHECK_THROWS(f.db().exec("INSERT INTO reports (session_id, reported_at, onset_at, region_id, side, kind, "
                                 "severity, weakness, source, created_by, created_at) VALUES (1, "
                                 "'2026-11-21T12:00:00Z', '2026-11-21T11:00:00Z', 1, 'midline', 'twitch', 3, 2, "
                                 "'phone', 'x', '2026-11-21T12:00:00Z')"));
    }
}

TEST_CASE("audit::chain", "[db][audit]")
{
    ClinicFixture f;
    Actor actor{"tester", "tester@host"};
    for (int i = 0; i < 3; ++i)
        append_audit(f.db(), actor, fixed_now(), {"update", "setting", std::nullopt, std::nullopt, {{"i", i}}});
    SECTION("an untouched chain verifies")
    {
        auto report = verify_audit_chain(f.db());
        CHECK_FALSE(report.first_bad_id.has_value());
        // One row for each migration that created the database, and the three above.
        CHECK(report.rows == static_cast<std::int64_t>(migrations().size()) + 3);
    }
    SECTION("an edited row is found")
    {
        f.db().exec("DROP TRIGGER audit_log_no_update");
        f.db().exec("UPDATE audit_log SET actor = 'someone else' WHERE id = 3");
        auto report = verify_audit_chain(f.db());
        REQUIRE(report.first_bad_id.has_value());
        CHECK(*report.first_bad_id == 3);
    }
    SECTION("a removed row is found")
    {
        f.db().exec("DROP TRIGGER audit_log_no_delete");
        f.db().exec("DELETE FROM audit_log WHERE id = 2");
        auto report = verify_audit_chain(f.db());
        REQUIRE(report.first_bad_id.has_value());
        CHECK(*report.first_bad_id == 3);
    }
    SECTION("the hash is SHA-256")
    {
        CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

TEST_CASE("database::migrate", "[db]")
{
    TempDir dir;
    std::string path = dir.file("v1.db");
    Actor actor{"tester", "tester@host"};
    {
        // A clinic still at schema v1, with one reaction recorded.
        SQLite::Database v1(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        v1.exec(std::string(migrations().front().sql));
        v1.exec("PRAGMA user_version = 1");
        v1.exec("INSERT INTO clients (name, created_at) VALUES ('A', '2026-11-01T10:00:00Z');"
                "INSERT INTO therapists (name, created_at) VALUES ('T', '2026-11-01T10:00:00Z');"
                "INSERT INTO sessions (client_id, therapist_id, started_at, duration_min, technique_id, "
                "pressure, created_by, created_at) VALUES (1, 1, '2026-11-01T10:00:00Z', 60, 1, 3, 'x', "
                "'2026-11-01T10:00:00Z');"
                "INSERT INTO reports (session_id, reported_at, onset_at, region_id, side, kind, severity, "
                "source, created_by, created_at) VALUES (1, '2026-11-02T10:00:00Z', "
                "'2026-11-01T18:00:00Z', 16, 'left', 'twitch', 3, 'phone', 'x', '2026-11-02T10:00:00Z');");
    }
    SECTION("an older database is refused until it is migrated")
    {
        CHECK_THROWS_WITH(open_database(path, OpenMode::read_write, actor, fixed_now()),
                          Catch::Contains("has schema version 1; this massagelog needs 8"));
    }
    SECTION("db migrate brings it up to date and fills the new column")
    {
        auto db = open_database(path, OpenMode::migrate, actor, fixed_now());
        CHECK(schema_version(*db) == 8);
        CHECK(db->execAndGet("SELECT client_id FROM reports WHERE id = 1").getInt() == 1);
        // One audit row for each migration applied (v2 to v8).
        CHECK(db->execAndGet("SELECT count(*) FROM audit_log WHERE action = 'migrate'").getInt() ==
              7);
        // v4: the rows already there are the baseline of the row digests.
        auto baseline = nlohmann::json::parse(
            db->execAndGet("SELECT detail FROM audit_log WHERE action = 'migrate' AND "
                           "json_extract(detail, '$.to') = 4")
                .getString());
        CHECK(baseline["digests"]["sessions"]["ids"] == nlohmann::json::parse("[[1, 1]]"));
        CHECK(baseline["digests"]["reports"]["rows"] == 1);
        auto rows = verify_row_digests(*db);
        CHECK(rows.applies);
        CHECK(rows.rows == 4); // a therapist, a client, a session, a report
        CHECK(rows.problems.empty());
        // v3: the voided sessions' own index.
        CHECK(db->execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = "
                             "'sessions_voided'")
                  .getInt() == 1);
        // The new trigger keeps a report's client equal to its session's.
        CHECK_THROWS_WITH(db->exec("INSERT INTO reports (session_id, client_id, reported_at, onset_at, "
                                   "region_id, side, kind, severity, source, created_by, created_at) "
                                   "VALUES (1, 99, '2026-11-02T10:00:00Z', '2026-11-01T18:00:00Z', 16, "
                                   "'left', 'twitch', 3, 'phone', 'x', '2026-11-02T10:00:00Z')"),
                          Catch::Contains("must be its session's client"));
    }
}
