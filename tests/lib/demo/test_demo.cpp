#include "fixture.hpp"

#include <massagelog/store/audit.hpp>
#include <massagelog/demo/demo.hpp>
#include <massagelog/core/error.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

// A digest of every clinical row, to compare two demo databases.
std::string content_digest(SQLite::Database& db)
{
    std::string all;
    for (const char* q : {"SELECT group_concat(name || licence, '|') FROM therapists",
                          "SELECT group_concat(name || phone || birth_date, '|') FROM clients",
                          "SELECT group_concat(client_id || '/' || therapist_id || '/' || started_at || '/' || "
                          "technique_id || '/' || pressure, '|') FROM sessions",
                          "SELECT group_concat(session_id || region_id || side || pressure || focal, '|') FROM session_regions",
                          "SELECT group_concat(session_id || onset_at || severity || coalesce(pain, 'n'), '|') FROM reports"})
        all += db.execAndGet(q).getString() + "\n";
    return sha256_hex(all);
}

} // namespace

TEST_CASE("demo::generate", "[db][demo]")
{
    ClinicFixture a, b, c;
    auto counts = generate_demo(a.clinic(), {40, 400, std::nullopt, 7});
    generate_demo(b.clinic(), {40, 400, std::nullopt, 7});
    generate_demo(c.clinic(), {40, 400, std::nullopt, 8});

    SECTION("the same seed and now give the same clinic; another seed another")
    {
        CHECK(content_digest(a.db()) == content_digest(b.db()));
        CHECK(content_digest(a.db()) != content_digest(c.db()));
    }
    SECTION("the requested size, with about 3 reports in 10 sessions")
    {
        CHECK(counts.clients == 40);
        CHECK(counts.sessions == 400);
        CHECK(counts.reports > 80);
        CHECK(counts.reports < 160);
        CHECK(a.db().execAndGet("SELECT count(*) FROM sessions").getInt() == 400);
    }
    SECTION("consistent: integrity, foreign keys, the audit chain, one voided session")
    {
        CHECK(a.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
        SQLite::Statement fk(a.db(), "PRAGMA foreign_key_check");
        CHECK_FALSE(fk.executeStep());
        CHECK_FALSE(verify_audit_chain(a.db()).first_bad_id.has_value());
        CHECK(a.db().execAndGet("SELECT count(*) FROM sessions WHERE voided_at IS NOT NULL").getInt() == 1);
        CHECK(a.db().execAndGet("SELECT count(*) FROM reports WHERE onset_at > reported_at").getInt() == 0);
        CHECK(a.db().execAndGet("SELECT count(*) FROM reports r JOIN sessions s ON s.id = r.session_id "
                                "WHERE r.onset_at < s.started_at").getInt() == 0);
    }
    SECTION("a database that holds records is refused")
    {
        CHECK_THROWS_AS(generate_demo(a.clinic(), {}), InputError);
    }
}

TEST_CASE("demo::generate writes no reaction after now", "[db][demo]")
{
    // Sessions four days ago can draw an onset, a resolution and a report
    // that together run past now; at this size the seed draws some.
    ClinicFixture f;
    generate_demo(f.clinic(), {500, 20000, std::nullopt, 1});
    const std::string now = to_utc_text(fixed_now());
    SQLite::Statement late(f.db(), "SELECT count(*) FROM reports WHERE reported_at > :now "
                                   "OR resolved_at > reported_at");
    late.bind(":now", now);
    REQUIRE(late.executeStep());
    CHECK(late.getColumn(0).getInt() == 0);
}
