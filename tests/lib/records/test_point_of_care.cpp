// The flags at the point of care: a session on an area under a refer flag,
// voiding a session that backs one, and reports on an archived client.

#include "../rules_fixture.hpp"

#include <massagelog/records/archive.hpp>
#include <massagelog/records/health.hpp>
#include <massagelog/records/point_of_care.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

// A client with a weakness (refer) on the left shoulder after deep work.
class GuardFixture : public RulesFixture {
public:
    GuardFixture()
    {
        deep = session("2026-11-18 10:00", {"shoulder:left:4"}, 4, "deep-tissue");
        report(deep, {.onset = "2026-11-18 18:00", .reported = "2026-11-19 09:00",
                      .region = "shoulder:left", .symptoms = {{Symptom::weakness, Tri::yes}}});
    }
    SessionInput next(std::vector<std::string> regions)
    {
        return session_input(client, therapist, at("2026-11-21 09:00"), regions, 4, "deep-tissue");
    }
    std::string last_audit_detail()
    {
        return db().execAndGet("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1").getString();
    }
    std::int64_t deep = 0;
};

} // namespace

TEST_CASE_METHOD(GuardFixture, "point_of_care::session add", "[records][guard]")
{
    SECTION("the flagged area, on its side or both, is refused naming region and flag")
    {
        for (const char* region : {"shoulder:left", "shoulder:both", "shoulder:left:1"})
            refused([&] { add_session(clinic(), next({region})); },
                    "--region shoulder:");
        refused([&] { add_session(clinic(), next({"neck", "shoulder:left"})); },
                "shoulder:left is under the refer flag weakness [s1:shoulder:left]");
    }
    SECTION("the other side and other regions are worked, with the flags shown")
    {
        AddedSession added = add_session(clinic(), next({"shoulder:right", "calf:left"}));
        CHECK(added.id > 0);
        REQUIRE(added.standing.size() == 2); // weakness and nerve
        CHECK(added.standing[0].level == Level::refer);
    }
    SECTION("with a reason it is saved, audited with the flags it overrode")
    {
        auto in = next({"shoulder:left"});
        in.despite_flags_reason = "physician's letter on file, gentle work only";
        CHECK(add_session(clinic(), in).id > 0);
        auto detail = nlohmann::json::parse(last_audit_detail());
        CHECK(detail["reason"] == "physician's letter on file, gentle work only");
        CHECK(detail["despite_flags"].size() == 2);
        CHECK(detail["despite_flags"][0]["evidence_key"] == "s1:shoulder:left");
    }
    SECTION("an empty reason is refused")
    {
        auto in = next({"shoulder:left"});
        in.despite_flags_reason = "  ";
        refused([&] { add_session(clinic(), in); }, "--reason is empty");
    }
    SECTION("acknowledged or referred still guards; cleared or dismissed releases")
    {
        for (const char* key : {"s1:shoulder:left"}) {
            review_flag(clinic(), "weakness", client, key, ReviewAction::referred, std::nullopt);
            review_flag(clinic(), "nerve", client, key, ReviewAction::acknowledged, std::nullopt);
        }
        refused([&] { add_session(clinic(), next({"shoulder:left"})); }, "--region");
        refused([&] {
            review_flag(clinic(), "weakness", client, "s1:shoulder:left", ReviewAction::cleared,
                        std::nullopt);
        }, "--note");
        review_flag(clinic(), "weakness", client, "s1:shoulder:left", ReviewAction::cleared,
                    "Dr Lee, letter of 2026-11-20");
        review_flag(clinic(), "nerve", client, "s1:shoulder:left", ReviewAction::dismissed,
                    "a gym strain, not the massage");
        AddedSession added = add_session(clinic(), next({"shoulder:left"}));
        CHECK(added.standing.empty()); // released flags no longer stand
    }
    SECTION("a client-wide refer flag is shown but does not refuse")
    {
        auto other = session("2026-11-19 10:00", {"calf"});
        report(other, {.onset = "2026-11-19 18:00", .region = "calf"});
        auto third = session("2026-11-20 10:00", {"foot"});
        report(third, {.onset = "2026-11-20 18:00", .region = "foot"});
        AddedSession added = add_session(clinic(), next({"calf", "foot"}));
        CHECK(std::any_of(added.standing.begin(), added.standing.end(),
                          [](const Flag& f) { return f.rule == "recurrent"; }));
    }
    SECTION("a session entered late is checked against the flags standing as it is entered")
    {
        auto in = next({"shoulder:left"});
        in.started_at = at("2026-11-19 08:00");
        refused([&] { add_session(clinic(), in); }, "--region shoulder:left");
    }
}

TEST_CASE_METHOD(GuardFixture, "point_of_care::what stands for a session",
                 "[records][guard]")
{
    REQUIRE(standing_flags(clinic(), client, at("2026-11-21 09:00")).size() == 2);
    CHECK(session_contraindications(clinic(), next({"calf:left"})).no_history);
    SECTION("a health entry is seen by the next session's check")
    {
        HealthInput h;
        h.client_id = client;
        h.avoid_regions = std::vector<RegionSpec>{
            parse_region_spec("calf:left", "--avoid", RegionExtras::side_only)};
        add_health_entry(clinic(), h);
        CHECK(session_contraindications(clinic(), next({"calf:left"})).blocked());
        refused([&] { add_session(clinic(), next({"calf:left"})); }, "calf:left");
    }
}

TEST_CASE_METHOD(GuardFixture, "point_of_care::session void", "[records][guard]")
{
    refused([&] { void_session(clinic(), deep, "entered twice"); },
            "session 1 backs 2 unreviewed refer flags: nerve [s1:shoulder:left]");
    SECTION("despite the flags it is voided, audited with them")
    {
        void_session(clinic(), deep, "entered twice", DespiteFlags::yes);
        auto detail = nlohmann::json::parse(last_audit_detail());
        CHECK(detail["despite_flags"].size() == 2);
    }
    SECTION("once reviewed, the session is voided without more ado")
    {
        review_flag(clinic(), "weakness", client, "s1:shoulder:left", ReviewAction::referred,
                    std::nullopt);
        review_flag(clinic(), "nerve", client, "s1:shoulder:left", ReviewAction::referred,
                    std::nullopt);
        void_session(clinic(), deep, "entered twice");
        CHECK(nlohmann::json::parse(last_audit_detail()).count("despite_flags") == 0);
    }
    SECTION("a session that backs no flag is voided")
    {
        auto quiet = session("2026-11-20 10:00", {"calf"});
        void_session(clinic(), quiet, "entered twice");
    }
}

TEST_CASE_METHOD(GuardFixture, "point_of_care::reports on an archived client", "[records][guard]")
{
    archive_client(clinic(), client, "moved abroad; letter sent to their GP");
    refused([&] {
        report(deep, {.onset = "2026-11-20 18:00", .region = "shoulder:left"});
    }, "--session 1: client 1 (Ana Souza) is archived");
    // The overridden flags stay in the client's own flags.
    FlagQuery q;
    q.client_id = client;
    CHECK(compute_flags(clinic(), q).size() >= 2);
}
