// The health history (dated entries, superseded question by question) and
// the contraindication rules checked at session entry, each at its boundary.

#include "../rules_fixture.hpp"

#include <massagelog/records/archive.hpp>
#include <massagelog/records/health.hpp>
#include <massagelog/records/point_of_care.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/rules/contraindications.hpp>
#include <massagelog/store/config.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

using Q = HealthQuestion;

class HealthFixture : public RulesFixture {
public:
    // An entry answering `answers` (and nothing else) for the client.
    std::int64_t history(std::initializer_list<std::pair<Q, Tri>> answers,
                         const std::function<void(HealthInput&)>& more = {})
    {
        HealthInput in;
        in.client_id = client;
        for (auto [q, t] : answers)
            in.answer(q) = t;
        if (more)
            more(in);
        return add_health_entry(clinic(), in);
    }
    // Today's session (the fixed now is 2026-11-21 10:00 in New York).
    SessionInput today(std::vector<std::string> regions, int pressure = 2)
    {
        return session_input(client, therapist, at("2026-11-21 09:00"), regions, pressure);
    }
    ContraCheck check(std::vector<std::string> regions, int pressure = 2)
    {
        return session_contraindications(clinic(), today(regions, pressure));
    }
    std::string last_audit_detail()
    {
        return db().execAndGet("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1").getString();
    }
};

RegionSpec area(const std::string& text)
{
    return parse_region_spec(text, "--region", RegionExtras::side_only);
}

} // namespace

TEST_CASE_METHOD(HealthFixture, "health history: entries and what stands", "[records][health]")
{
    SECTION("a later answer supersedes; a question it leaves out keeps the earlier answer")
    {
        history({{Q::clot, Tri::yes}, {Q::diabetes, Tri::yes}});
        history({{Q::clot, Tri::no}});
        HealthStanding h = read_health(clinic(), client, clinic().clock().now());
        REQUIRE(h.entries.size() == 2);
        CHECK(h[Q::clot].answer == Tri::no);
        CHECK(h[Q::clot].from == &h.entries[1]);
        CHECK(h[Q::diabetes].answer == Tri::yes);
        CHECK(h[Q::pregnant].answer == Tri::unknown);
        CHECK(h[Q::pregnant].from == nullptr);
        HealthStanding copy = h;
        CHECK(copy[Q::clot].from == &copy.entries[1]);
    }
    SECTION("the lines every front end shows name a question never asked as not asked")
    {
        history({{Q::pregnant, Tri::yes}}, [](HealthInput& in) { in.pregnancy_week = 20; });
        auto lines = health_lines(read_health(clinic(), client, clinic().clock().now()));
        CHECK(lines[2].question == "pregnant");
        CHECK(lines[2].answer == "yes, week 20");
        CHECK(lines[0].answer == "not asked");
        CHECK(lines[12].question == "areas to avoid");
        CHECK(lines[12].answer == "not asked");
    }
    SECTION("an entry is audited with what it asked, not the answers, and kept as typed")
    {
        history({{Q::anticoagulant, Tri::yes}}, [](HealthInput& in) {
            in.avoid_regions = std::vector<RegionSpec>{};
            in.notes = "on warfarin";
        });
        auto detail = nlohmann::json::parse(last_audit_detail());
        CHECK(detail["fields"] == nlohmann::json({"anticoagulant", "avoid_regions", "notes"}));
        CHECK(last_audit_detail().find("warfarin") == std::string::npos);
        CHECK(db().execAndGet("SELECT avoid_regions FROM health_history").getString() == "none");
    }
    SECTION("a paired region without a side is both sides")
    {
        history({{Q::skin_condition, Tri::yes}},
                [](HealthInput& in) { in.skin_regions = {area("calf"), area("neck")}; });
        CHECK(db().execAndGet("SELECT skin_regions FROM health_history").getString() ==
              "calf:both neck:midline");
    }
    SECTION("bad entries are refused, naming the field, with nothing written")
    {
        refused([&] { history({}); }, "answers no question");
        refused([&] { history({{Q::pregnant, Tri::no}}, [](HealthInput& in) { in.pregnancy_week = 12; }); },
                "--pregnancy-week '12' goes with pregnant yes");
        refused([&] { history({}, [](HealthInput& in) { in.sensation_regions = {area("hand:left")}; }); },
                "--sensation-region 'hand:left' goes with reduced_sensation yes");
        refused([&] {
            history({{Q::recent_surgery, Tri::yes}}, [](HealthInput& in) { in.surgery_at = "2026-11-22"; });
        }, "--surgery-at '2026-11-22' is in the future");
        refused([&] {
            history({{Q::skin_condition, Tri::yes}}, [](HealthInput& in) { in.skin_regions = {area("neck:left")}; });
        }, "--skin-region");
        refused([&] {
            HealthInput in;
            in.client_id = 99;
            in.answer(Q::clot) = Tri::no;
            add_health_entry(clinic(), in);
        }, "--client 99: no such client");
    }
    SECTION("an archived client takes no entry")
    {
        archive_client(clinic(), client, std::nullopt);
        refused([&] { history({{Q::clot, Tri::no}}); }, "is archived");
    }
    SECTION("the database refuses an edit or a removal")
    {
        history({{Q::clot, Tri::yes}});
        CHECK_THROWS_WITH(db().exec("UPDATE health_history SET clot = 0"),
                          Catch::Contains("never edited"));
        CHECK_THROWS_WITH(db().exec("DELETE FROM health_history"), Catch::Contains("never deleted"));
    }
}

TEST_CASE_METHOD(HealthFixture, "contraindications at session entry", "[records][health][contra]")
{
    SECTION("anticoagulant: pressure 2 is accepted, 3 refused, anywhere")
    {
        history({{Q::anticoagulant, Tri::yes}});
        CHECK(add_session(clinic(), today({"upper-back"}, 2)).id > 0);
        refused([&] { add_session(clinic(), today({"upper-back"}, 3)); },
                "--region contraindicated by the client's health history: upper-back:midline:3 "
                "(anticoagulant: pressure above 2");
        refused([&] { add_session(clinic(), today({"upper-back:2", "calf:left:3"}, 2)); },
                "calf:left:3 (anticoagulant");
        refused([&] { add_session(clinic(), today({}, 3)); },
                "the session (anticoagulant: pressure above 2 (moderate) anywhere: the session's "
                "pressure is 3");
    }
    SECTION("the limit is a setting")
    {
        history({{Q::anticoagulant, Tri::yes}});
        set_setting(clinic(), "caution.anticoagulant_max_pressure", "1");
        refused([&] { add_session(clinic(), today({"upper-back"}, 2)); }, "pressure above 1 (light)");
    }
    SECTION("a reason lets it through, audited with what it overrode")
    {
        history({{Q::anticoagulant, Tri::yes}});
        auto in = today({"upper-back"}, 4);
        in.despite_contraindication_reason = "GP letter: INR stable, firm pressure agreed";
        AddedSession added = add_session(clinic(), in);
        CHECK(added.contra.blocked());
        auto detail = nlohmann::json::parse(last_audit_detail());
        CHECK(detail["contraindication_reason"] == "GP letter: INR stable, firm pressure agreed");
        CHECK(detail["despite_contraindications"][0]["rule"] == "anticoagulant");
        CHECK(detail["despite_contraindications"][0]["region"] == "upper-back:midline:4");
        in.despite_contraindication_reason = " ";
        refused([&] { add_session(clinic(), in); }, "--reason is empty");
    }
    SECTION("a superseded answer no longer applies")
    {
        history({{Q::clot, Tri::yes}});
        refused([&] { add_session(clinic(), today({"calf:left"})); }, "(clot: no work on the thigh");
        history({{Q::clot, Tri::no}});
        CHECK(add_session(clinic(), today({"calf:left"})).id > 0);
    }
    SECTION("a question not asked never blocks and is named as not asked")
    {
        ContraCheck none = check({"calf:left:5", "abdomen"}, 5);
        CHECK(none.found.empty());
        CHECK(none.no_history);
        history({{Q::diabetes, Tri::yes}});
        ContraCheck c = check({"calf:left:5", "abdomen"}, 5);
        CHECK_FALSE(c.blocked());
        CHECK_FALSE(c.no_history);
        for (const char* q : {"clot", "anticoagulant", "pregnant", "reduced_sensation",
                              "recent_surgery", "skin_condition", "avoid_regions"})
            CHECK(std::find(c.not_asked.begin(), c.not_asked.end(), q) != c.not_asked.end());
        CHECK(add_session(clinic(), today({"calf:left:5", "abdomen"}, 5)).id > 0);
    }
    SECTION("clot: the thigh, calf, shin and foot at any pressure; not the hip or the back")
    {
        history({{Q::clot, Tri::yes}});
        for (const char* r : {"thigh-front:left:1", "thigh-back:right", "shin:both", "foot:left"})
            CHECK(check({r}).blocked());
        CHECK_FALSE(check({"hip:left", "upper-back:5"}, 5).blocked());
        ContraCheck unrecorded = check({});
        REQUIRE(unrecorded.found.size() == 1);
        CHECK(unrecorded.found[0].effect == ContraEffect::warn);
    }
    SECTION("reduced sensation: pressure above 2 on that limb, on that side")
    {
        history({{Q::reduced_sensation, Tri::yes}},
                [](HealthInput& in) { in.sensation_regions = {area("hand:left")}; });
        CHECK(check({"forearm:left:3"}).blocked());
        CHECK(check({"hand:both:3"}).blocked());
        CHECK_FALSE(check({"forearm:left:2"}).blocked());
        CHECK_FALSE(check({"forearm:right:3"}).blocked());
        CHECK_FALSE(check({"calf:left:3"}).blocked());
    }
    SECTION("reduced sensation where not recorded: every limb")
    {
        history({{Q::reduced_sensation, Tri::yes}});
        CHECK(check({"calf:right:3"}).blocked());
        CHECK(check({"upper-arm:left:3"}).blocked());
        CHECK_FALSE(check({"upper-back:3"}).blocked());
    }
    SECTION("pregnancy: deep (4) on the legs, or the abdomen at all")
    {
        history({{Q::pregnant, Tri::yes}}, [](HealthInput& in) { in.pregnancy_week = 30; });
        CHECK(check({"calf:left:4"}, 4).blocked());
        CHECK_FALSE(check({"calf:left:3"}, 3).blocked());
        CHECK(check({"abdomen:midline:1"}).blocked());
        CHECK_FALSE(check({"upper-back:4"}, 4).blocked());
    }
    SECTION("surgery 6 months ago to the day still blocks its region; a day more does not")
    {
        history({{Q::recent_surgery, Tri::yes}}, [](HealthInput& in) {
            in.surgery_at = "2026-05-21";
            in.surgery_regions = {area("shoulder:right")};
        });
        CHECK(check({"shoulder:right"}).blocked());
        CHECK(check({"shoulder:both"}).blocked());
        CHECK_FALSE(check({"shoulder:left"}).blocked());
        history({{Q::recent_surgery, Tri::yes}}, [](HealthInput& in) {
            in.surgery_at = "2026-05-20";
            in.surgery_regions = {area("shoulder:right")};
        });
        CHECK_FALSE(check({"shoulder:right"}).blocked());
    }
    SECTION("six calendar months: the 31st falls back to the month's last day")
    {
        const ClinicClock& clock = clinic().clock();
        CHECK(within_six_months("2026-08-31", at("2027-02-28 23:00"), clock));
        CHECK_FALSE(within_six_months("2026-08-31", at("2027-03-01 00:00"), clock));
    }
    SECTION("surgery without regions warns; skin and areas to avoid block their region")
    {
        history({{Q::recent_surgery, Tri::yes}, {Q::skin_condition, Tri::yes}}, [](HealthInput& in) {
            in.skin_regions = {area("calf:left")};
            in.avoid_regions = std::vector<RegionSpec>{area("face")};
        });
        ContraCheck c = check({"calf:left", "face", "neck"});
        REQUIRE(c.blocks().size() == 2);
        CHECK(c.blocks()[0]->region->region == "calf");
        CHECK(c.blocks()[1]->reason == "the client asked that it be avoided");
        CHECK(std::any_of(c.found.begin(), c.found.end(), [](const Contraindication& x) {
            return x.effect == ContraEffect::warn && x.rule == "local";
        }));
    }
    SECTION("cautions warn and the session is saved")
    {
        history({{Q::high_blood_pressure, Tri::yes}, {Q::pacemaker, Tri::yes},
                 {Q::osteoporosis, Tri::no}});
        AddedSession added = add_session(clinic(), today({"upper-back:4"}, 4));
        CHECK(added.id > 0);
        REQUIRE(added.contra.found.size() == 2);
        CHECK(added.contra.found[0].effect == ContraEffect::warn);
        CHECK(added.contra.found[0].reason == "high blood pressure");
        CHECK(added.contra.found[1].reason == "pacemaker or implanted device");
    }
}

TEST_CASE_METHOD(HealthFixture, "rule clot: calf pain after a session with a clot history",
                 "[rules][health][clot]")
{
    std::int64_t s = session("2026-11-19 10:00", {"calf:left"}, 2);
    report(s, {.onset = "2026-11-19 20:00", .reported = "2026-11-20 09:00", .region = "calf:left",
               .symptoms = {{Symptom::pain, Tri::yes}}});
    auto clot_flags = [&] { return flags("clot", "2026-11-21 10:00"); };
    SECTION("no clot in the health history: no flag")
    {
        CHECK(clot_flags().empty());
        history({{Q::clot, Tri::no}});
        CHECK(clot_flags().empty());
    }
    SECTION("clot yes: refer, bound to the calf, and the calf is guarded")
    {
        history({{Q::clot, Tri::yes}});
        auto found = clot_flags();
        REQUIRE(found.size() == 1);
        CHECK(found[0].level == Level::refer);
        CHECK(found[0].evidence_key == "s1:calf:left");
        CHECK_THAT(std::string(found[0].evidence), Catch::Contains("with pain in report 1"));
        CHECK_THAT(std::string(found[0].source), Catch::Contains("10.1186/s12884-020-02924-w"));
        auto in = today({"calf:left"});
        in.despite_contraindication_reason = "the clot check is not what is tested here";
        refused([&] { add_session(clinic(), in); }, "under the refer flag clot [s1:calf:left]");
    }
    SECTION("a later no supersedes; a twitch without pain does not fire")
    {
        std::int64_t other = session("2026-11-20 10:00", {"calf:right"}, 2);
        report(other, {.onset = "2026-11-20 20:00", .region = "calf:right"});
        history({{Q::clot, Tri::yes}});
        history({{Q::clot, Tri::no}});
        CHECK(clot_flags().empty());
        history({{Q::clot, Tri::yes}});
        CHECK(clot_flags().size() == 1);
    }
}
