#include "rules_fixture.hpp"

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

std::vector<std::string> rule_levels(const std::vector<Flag>& flags)
{
    std::vector<std::string> out;
    for (const auto& f : flags)
        out.push_back(f.rule + ":" + std::string(to_string(f.level)));
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE_METHOD(RulesFixture, "rules::weakness", "[rules]")
{
    auto s = session("2026-11-10 10:00", {"calf"});
    SECTION("weakness, loss of control or stiffness = yes refers")
    {
        for (Symptom sym : {Symptom::weakness, Symptom::loss_of_control, Symptom::stiffness}) {
            auto s2 = session("2026-11-10 12:00", {"foot"});
            report(s2, {.onset = "2026-11-10 18:00", .region = "foot", .still_present = Tri::no,
                        .symptoms = {{sym, Tri::yes}}});
            auto f = flags("weakness", "2026-11-12 12:00");
            REQUIRE(f.size() == 1);
            CHECK(f[0].level == Level::refer);
            CHECK_THAT(std::string(f[0].source), Catch::Contains("Understanding Muscle Twitching After Massage"));
            void_session(clinic(), s2, "next case", DespiteFlags::yes);
        }
    }
    SECTION("no and not recorded never fire")
    {
        report(s, {.onset = "2026-11-10 18:00", .still_present = Tri::no,
                   .symptoms = {{Symptom::weakness, Tri::no}}});
        report(s, {.onset = "2026-11-10 18:00", .still_present = Tri::no});
        CHECK(flags("", "2026-11-12 12:00").empty());
    }
    SECTION("a resolved episode still refers: weakness needs a physician either way")
    {
        report(s, {.onset = "2026-11-10 18:00", .still_present = Tri::no, .resolved = "2026-11-10 19:00",
                   .symptoms = {{Symptom::weakness, Tri::yes}}});
        CHECK(flags("weakness", "2026-11-12 12:00").size() == 1);
    }
}

TEST_CASE_METHOD(RulesFixture, "rules::accompanied", "[rules]")
{
    auto s = session("2026-11-10 10:00", {"calf", "foot", "hand"});
    SECTION("vision changes or numbness refer")
    {
        report(s, {.onset = "2026-11-10 18:00", .region = "calf", .still_present = Tri::no,
                   .symptoms = {{Symptom::vision_changes, Tri::yes}}});
        report(s, {.onset = "2026-11-10 18:00", .region = "foot", .still_present = Tri::no,
                   .symptoms = {{Symptom::numbness, Tri::yes}}});
        CHECK(rule_levels(flags("", "2026-11-12 12:00")) ==
              std::vector<std::string>{"accompanied:refer", "accompanied:refer"});
    }
    SECTION("pain or fatigue is watch")
    {
        report(s, {.onset = "2026-11-10 18:00", .region = "calf", .still_present = Tri::no,
                   .symptoms = {{Symptom::pain, Tri::yes}}});
        report(s, {.onset = "2026-11-10 18:00", .region = "foot", .still_present = Tri::no,
                   .symptoms = {{Symptom::fatigue, Tri::yes}}});
        auto f = flags("", "2026-11-12 12:00");
        CHECK(rule_levels(f) == std::vector<std::string>{"accompanied:watch", "accompanied:watch"});
        CHECK_THAT(f[0].evidence, Catch::Contains("yes in report"));
    }
    SECTION("pain with a refer-level flag on the same episode adds no watch")
    {
        report(s, {.onset = "2026-11-10 18:00", .region = "calf", .still_present = Tri::no,
                   .symptoms = {{Symptom::pain, Tri::yes}, {Symptom::weakness, Tri::yes}}});
        CHECK(rule_levels(flags("", "2026-11-12 12:00")) == std::vector<std::string>{"weakness:refer"});
    }
    SECTION("pain not recorded, or no, fires nothing")
    {
        report(s, {.onset = "2026-11-10 18:00", .region = "calf", .still_present = Tri::no,
                   .symptoms = {{Symptom::pain, Tri::no}, {Symptom::fatigue, Tri::unknown}}});
        CHECK(flags("", "2026-11-12 12:00").empty());
    }
}

TEST_CASE_METHOD(RulesFixture, "rules::trunk", "[rules]")
{
    auto s = session("2026-11-10 10:00", {"abdomen", "chest", "calf"});
    report(s, {.onset = "2026-11-10 18:00", .region = "abdomen", .still_present = Tri::no,
               .kind = ReactionKind::spasm});
    report(s, {.onset = "2026-11-10 18:00", .region = "calf", .still_present = Tri::no,
               .kind = ReactionKind::spasm});
    auto f = flags("trunk", "2026-11-12 12:00");
    REQUIRE(f.size() == 1);
    CHECK(f[0].evidence_key == "s1:abdomen:midline");
    CHECK(f[0].level == Level::refer);
    CHECK_THAT(std::string(f[0].source), Catch::Contains("Can a Certified Massage Therapist Help With Your Muscle Spasms?"));
    report(s, {.onset = "2026-11-10 18:00", .region = "chest", .still_present = Tri::no});
    CHECK(flags("trunk", "2026-11-12 12:00").size() == 2);
}

TEST_CASE_METHOD(RulesFixture, "rules::worsening", "[rules]")
{
    auto s = session("2026-11-10 10:00");
    report(s, {.onset = "2026-11-10 18:00", .reported = "2026-11-11 09:00", .severity = 3,
               .frequency = Frequency::occasional});
    SECTION("a higher severity later refers")
    {
        report(s, {.onset = "2026-11-10 18:00", .reported = "2026-11-13 09:00", .severity = 6});
        auto f = flags("worsening", "2026-11-13 10:00");
        REQUIRE(f.size() == 1);
        CHECK(f[0].evidence == "calf both: severity 3 in report 1 (2026-11-11 09:00) rose to 6 in "
                               "report 2 (2026-11-13 09:00)");
        // Before the second report, nothing had got worse.
        CHECK(flags("worsening", "2026-11-13 08:59").empty());
    }
    SECTION("equal or lower severity does not")
    {
        report(s, {.onset = "2026-11-10 18:00", .reported = "2026-11-12 09:00", .severity = 3});
        report(s, {.onset = "2026-11-10 18:00", .reported = "2026-11-13 09:00", .severity = 2});
        CHECK(flags("worsening", "2026-11-14 10:00").empty());
    }
    SECTION("a higher frequency later refers; an unrecorded one is not compared")
    {
        report(s, {.onset = "2026-11-10 18:00", .reported = "2026-11-12 09:00", .severity = 3});
        CHECK(flags("worsening", "2026-11-14 10:00").empty());
        report(s, {.onset = "2026-11-10 18:00", .reported = "2026-11-13 09:00", .severity = 2,
                   .frequency = Frequency::constant});
        auto f = flags("worsening", "2026-11-14 10:00");
        REQUIRE(f.size() == 1);
        CHECK_THAT(f[0].evidence, Catch::Contains("frequency occasional in report 1"));
    }
    SECTION("reports of other episodes are not compared")
    {
        auto s2 = session("2026-11-12 10:00");
        report(s2, {.onset = "2026-11-12 18:00", .reported = "2026-11-13 09:00", .severity = 8});
        CHECK(flags("worsening", "2026-11-14 10:00").empty());
    }
}

TEST_CASE_METHOD(RulesFixture, "rules::spread", "[rules]")
{
    auto s = session("2026-11-10 10:00", {"calf:left", "forearm:right", "calf:right"});
    report(s, {.onset = "2026-11-10 18:00", .region = "calf:left"});
    SECTION("one open region is not spread, nor two sides of one region")
    {
        report(s, {.onset = "2026-11-10 18:00", .region = "calf:right"});
        CHECK(flags("spread", "2026-11-11 12:00").empty());
    }
    SECTION("two regions open at once is watch")
    {
        report(s, {.onset = "2026-11-10 19:00", .region = "forearm:right"});
        auto f = flags("spread", "2026-11-11 12:00");
        REQUIRE(f.size() == 1);
        CHECK(f[0].level == Level::watch);
        CHECK(f[0].evidence_key == "open:s1:forearm:right+s1:calf:left");
    }
    SECTION("a closed one does not count")
    {
        report(s, {.onset = "2026-11-10 19:00", .region = "forearm:right", .still_present = Tri::no});
        CHECK(flags("spread", "2026-11-11 12:00").empty());
    }
}

TEST_CASE_METHOD(RulesFixture, "rules::recurrent", "[rules]")
{
    auto react = [&](const std::string& day) {
        auto s = session(day + " 10:00");
        report(s, {.onset = day + " 15:00", .region = "calf", .still_present = Tri::no});
        return s;
    };
    react("2026-08-24");
    react("2026-10-01");
    SECTION("two sessions with reactions are not enough")
    {
        CHECK(flags("recurrent", "2026-11-21 12:00").empty());
    }
    SECTION("three within 90 days refer")
    {
        react("2026-11-15");
        auto f = flags("recurrent", "2026-11-21 12:00");
        REQUIRE(f.size() == 1);
        CHECK(f[0].evidence_key == "sessions:1,2,3");
        CHECK(f[0].level == Level::refer);
        // 2026-08-24 10:00 is more than 90 days before 2026-11-22 10:01, but the three
        // sessions lie within 83 days and the latest is recent: still a referral.
        CHECK(flags("recurrent", "2026-11-22 10:01").size() == 1);
        // Until the latest is itself more than 90 days back.
        CHECK(flags("recurrent", "2027-02-13 10:00").size() == 1);
        CHECK(flags("recurrent", "2027-02-13 10:01").empty());
    }
    SECTION("a session without a reaction, or voided, does not count")
    {
        session("2026-11-10 10:00");
        auto voided = react("2026-11-15");
        void_session(clinic(), voided, "duplicate", DespiteFlags::yes);
        CHECK(flags("recurrent", "2026-11-21 12:00").empty());
    }
}

TEST_CASE_METHOD(RulesFixture, "rules::recurrent spans", "[rules]")
{
    auto react = [&](const std::string& at) {
        auto s = session(at);
        report(s, {.onset = at, .reported = at, .region = "calf", .still_present = Tri::no});
        return s;
    };
    react("2026-08-01 10:00");
    react("2026-09-15 10:00");
    SECTION("a span of exactly 90 days fires")
    {
        react("2026-10-30 10:00");
        auto f = flags("recurrent", "2026-11-21 10:00");
        REQUIRE(f.size() == 1);
        CHECK(f[0].evidence == "reactions after 3 sessions within 90 d 0 h (2026-08-01, 2026-09-15, "
                               "2026-10-30), the latest 22 d 0 h ago; the clinic refers at 3 sessions "
                               "within 90 days");
        // The latest reacting session is 90 days back: still inside; a minute later, out.
        CHECK(flags("recurrent", "2027-01-28 10:00").size() == 1);
        CHECK(flags("recurrent", "2027-01-28 10:01").empty());
    }
    SECTION("90 days and a minute does not")
    {
        react("2026-10-30 10:01");
        CHECK(flags("recurrent", "2026-11-21 10:00").empty());
    }
    SECTION("the issue's case: 80 days apart, the first 90 days and 30 minutes ago")
    {
        react("2026-10-20 09:30");
        // 2026-08-01 10:00 -> 2026-10-30 10:30 is 90 d 0 h 30 min; the span is 80 d.
        auto f = flags("recurrent", "2026-10-30 10:30");
        REQUIRE(f.size() == 1);
        CHECK(f[0].evidence_key == "sessions:1,2,3");
    }
    SECTION("the latest span that fires is named")
    {
        react("2026-11-14 10:00");
        react("2026-11-20 10:00");
        auto f = flags("recurrent", "2026-11-21 10:00");
        REQUIRE(f.size() == 1);
        CHECK(f[0].evidence_key == "sessions:2,3,4");
    }
}
