// Row digests: every change massagelog makes is recorded with the row's
// SHA-256, and a change made behind its back (the sqlite3 shell) is named.

#include "rules_fixture.hpp"

#include <massagelog/records/archive.hpp>
#include <massagelog/store/backup.hpp>
#include <massagelog/exchange/exchange.hpp>
#include <massagelog/records/followups.hpp>
#include <massagelog/store/digest_check.hpp>
#include <massagelog/store/row_digests.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <sstream>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

struct DigestFixture : RulesFixture {
    std::int64_t neck = 0, calf = 0, reaction = 0, call = 0;

    DigestFixture()
    {
        neck = session("2026-11-19 10:00", {"neck:midline:4:focal", "shoulder:left"}, 4,
                       "deep-tissue");
        calf = session("2026-11-20 10:00");
        reaction = report(neck, {.onset = "2026-11-19 18:00",
                                 .region = "shoulder:left",
                                 .symptoms = {{Symptom::weakness, Tri::yes}}});
        FollowupInput in;
        in.session_id = calf;
        call = log_followup(clinic(), in);
        review_flag(clinic(), "nerve", client, "s1:shoulder:left", ReviewAction::referred, {});
    }

    RowDigestCheck check() { return verify_row_digests(db()); }

    // The one problem the check finds.
    std::string problem()
    {
        auto c = check();
        REQUIRE(c.problem_count == 1);
        return c.problems.front();
    }

    // Rows deleted behind massagelog's back: the shell drops the trigger first.
    void remove(const std::string& table, const std::string& where)
    {
        db().exec(fmt::format("DROP TRIGGER {0}_no_delete; DELETE FROM {0} WHERE {1}", table, where));
    }

    void import_sessions(int first, int count)
    {
        std::string text = "id,started_at,client_id,client,therapist_id,therapist,duration_min,"
                           "technique,pressure,regions,notes,created_by,created_at,voided_at,"
                           "void_reason\n";
        for (int id = first; id < first + count; ++id)
            text += fmt::format("{},2026-10-{:02}T10:00:00-04:00,{},Ana Souza,{},Rosa Larsen,60,"
                                "swedish,2,calf:left:2 neck:midline:3,,import,"
                                "2026-10-20T10:00:00-04:00,,\n",
                                id, 1 + id % 28, client, therapist);
        std::istringstream in(text);
        import_csv(clinic(), Table::sessions, in, "sessions.csv", DryRun::no, {}, std::nullopt);
    }
};

} // namespace

TEST_CASE("row_digests::id_runs", "[digest]")
{
    CHECK(id_runs({}).empty());
    CHECK(id_runs({7, 3, 4, 5, 9, 10}) == IdRuns{{3, 5}, {7, 7}, {9, 10}});
}

TEST_CASE("row_digests::canonical form", "[digest]")
{
    DigestFixture f;
    std::string before = row_digest(f.db(), DigestTable::reports, f.reaction);
    CHECK(before.size() == 64);
    CHECK(row_digest(f.db(), DigestTable::reports, f.reaction) == before);
    SECTION("every column counts, a NULL differs from an empty text")
    {
        f.db().exec(fmt::format("UPDATE reports SET notes = '' WHERE id = {}", f.reaction));
        CHECK(row_digest(f.db(), DigestTable::reports, f.reaction) != before);
    }
    SECTION("a session's digest covers its regions")
    {
        std::string session = row_digest(f.db(), DigestTable::sessions, f.neck);
        f.db().exec(fmt::format("UPDATE session_regions SET focal = 0 WHERE session_id = {}", f.neck));
        CHECK(row_digest(f.db(), DigestTable::sessions, f.neck) != session);
    }
    CHECK_THROWS_AS(row_digest(f.db(), DigestTable::reports, 999), std::logic_error);
}

TEST_CASE("row_digests::changes made through massagelog check out", "[digest]")
{
    DigestFixture f;
    auto c = f.check();
    CHECK(c.applies);
    // Baseline of an empty clinic, then a therapist, a client, two sessions,
    // a report, a call and a review, each audited with its digest.
    CHECK(c.rows == 7);
    CHECK(c.problems.empty());
    SECTION("an update records the row before and after")
    {
        void_session(f.clinic(), f.calf, "wrong client");
        archive_client(f.clinic(), f.client, std::string("moved away"));
        CHECK(f.check().problems.empty());
        auto detail = nlohmann::json::parse(
            f.db().execAndGet("SELECT detail FROM audit_log WHERE action = 'void'").getString());
        CHECK(detail["digest"] == row_digest(f.db(), DigestTable::sessions, f.calf));
        CHECK(detail["digest_before"] != detail["digest"]);
    }
    SECTION("a backup and a restore keep them")
    {
        TempDir dir;
        backup_database(f.clinic(), dir.file("b.db"));
        SQLite::Database copy(dir.file("b.db"), SQLite::OPEN_READONLY);
        CHECK(check_database(copy).ok());
    }
}

TEST_CASE("row_digests::changes behind massagelog's back are named", "[digest]")
{
    DigestFixture f;
    SECTION("a symptom edited in the shell")
    {
        f.db().exec(fmt::format("UPDATE reports SET pain = 0 WHERE id = {}", f.reaction));
        CHECK_THAT(f.problem(), Catch::Contains(fmt::format("report {} was changed", f.reaction)));
        CHECK_FALSE(check_database(f.db()).ok());
        CHECK(check_database(f.db()).intact()); // the file itself is sound
    }
    SECTION("a region's pressure")
    {
        f.db().exec(fmt::format("UPDATE session_regions SET pressure = 1 WHERE session_id = {}", f.neck));
        CHECK_THAT(f.problem(), Catch::Contains(fmt::format("session {} was changed", f.neck)));
    }
    SECTION("a voided session un-voided")
    {
        void_session(f.clinic(), f.calf, "wrong client");
        f.db().exec("UPDATE sessions SET voided_at = NULL, void_reason = NULL");
        CHECK_THAT(f.problem(), Catch::Contains(fmt::format("session {} was changed", f.calf)));
    }
    SECTION("a call, a review, a client and a therapist")
    {
        f.db().exec("UPDATE followups SET outcome = 'no-answer'; UPDATE flag_reviews SET action = "
                    "'dismissed'; UPDATE clients SET phone = '555'; UPDATE therapists SET "
                    "licence = 'X'");
        auto c = f.check();
        REQUIRE(c.problem_count == 4);
        CHECK_THAT(c.problems[0], Catch::Contains("therapist 1 was changed"));
        CHECK_THAT(c.problems[1], Catch::Contains("client 1 was changed"));
        CHECK_THAT(c.problems[2], Catch::Contains("followup 1 was changed"));
        CHECK_THAT(c.problems[3], Catch::Contains("flag 1 was changed"));
    }
    SECTION("a report removed")
    {
        f.remove("reports", "1");
        CHECK_THAT(f.problem(), Catch::Contains(fmt::format("report {} is missing", f.reaction)));
    }
    SECTION("a row added")
    {
        f.db().exec("INSERT INTO followups (session_id, contacted_at, contacted_by, outcome) "
                    "VALUES (1, '2026-11-20T10:00:00Z', 'x', 'no-answer')");
        CHECK_THAT(f.problem(), Catch::Contains("followup 2 was written behind massagelog's back"));
    }
}

TEST_CASE("row_digests::imports", "[digest][import]")
{
    DigestFixture f;
    f.import_sessions(100, 600); // three chunks: 256, 256 and 88 rows
    auto detail = nlohmann::json::parse(
        f.db().execAndGet("SELECT detail FROM audit_log WHERE action = 'import'").getString());
    const auto& sessions = detail["digests"]["sessions"];
    CHECK(sessions["ids"] == nlohmann::json::parse("[[100, 699]]"));
    CHECK(sessions["rows"] == 600);
    CHECK(sessions["sha256"].size() == 3);
    CHECK(f.check().problems.empty());
    SECTION("an imported row changed names its chunk")
    {
        f.db().exec("UPDATE sessions SET pressure = 5 WHERE id = 400");
        CHECK_THAT(f.problem(), Catch::Contains("sessions 356..611 were changed"));
    }
    SECTION("an imported row removed is named")
    {
        f.remove("session_regions", "session_id = 699");
        f.remove("sessions", "id = 699");
        CHECK_THAT(f.problem(), Catch::Contains("session 699 is missing"));
    }
    SECTION("an imported row voided through massagelog still checks out")
    {
        void_session(f.clinic(), 400, "duplicate");
        CHECK(f.check().problems.empty());
        f.db().exec("UPDATE sessions SET void_reason = 'other' WHERE id = 400");
        CHECK_THAT(f.problem(), Catch::Contains("session 400 was changed"));
    }
}
