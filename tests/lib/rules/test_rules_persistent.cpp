#include "rules_fixture.hpp"

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

TEST_CASE_METHOD(RulesFixture, "rules::persistent", "[rules]")
{
    auto s = session("2026-11-01 10:00");
    report(s, {.onset = "2026-11-01 18:00", .region = "calf:left"});

    SECTION("exactly 3 days does not fire; 3 days and a minute is watch")
    {
        CHECK(flags("persistent", "2026-11-04 18:00").empty());
        auto f = flags("persistent", "2026-11-04 18:01");
        REQUIRE(f.size() == 1);
        CHECK(f[0].level == Level::watch);
        CHECK(f[0].evidence_key == "s1:calf:left");
        CHECK(f[0].evidence == "twitch calf left still present 3 d 0 h 1 min after onset "
                               "(2026-11-01 18:00); the clinic watches after 3 days");
        CHECK_THAT(std::string(f[0].source), Catch::Contains("Muscle Twitch After Massage"));
    }
    SECTION("exactly 14 days is still watch; 14 days and a minute is refer")
    {
        CHECK(flags("persistent", "2026-11-15 18:00")[0].level == Level::watch);
        auto f = flags("persistent", "2026-11-15 18:01");
        REQUIRE(f.size() == 1);
        CHECK(f[0].level == Level::refer);
        CHECK_THAT(std::string(f[0].source), Catch::Contains("NHS"));
    }
    SECTION("a report that says it is gone closes the episode, from when it was made")
    {
        report(s, {.onset = "2026-11-01 18:00", .reported = "2026-11-10 09:00", .region = "calf:left",
                   .still_present = Tri::no});
        CHECK(flags("persistent", "2026-11-20 12:00").empty());
        REQUIRE(flags("persistent", "2026-11-09 12:00").size() == 1);
        CHECK(flags("persistent", "2026-11-09 12:00")[0].level == Level::watch);
    }
    SECTION("a resolution date closes the episode")
    {
        report(s, {.onset = "2026-11-01 18:00", .reported = "2026-11-10 09:00", .region = "calf:left",
                   .still_present = Tri::unknown, .resolved = "2026-11-02 08:00"});
        CHECK(flags("persistent", "2026-11-20 12:00").empty());
        // Before that report was made, nobody knew: the episode was open at 6 days.
        auto f = flags("persistent", "2026-11-08 12:00");
        REQUIRE(f.size() == 1);
        CHECK(f[0].level == Level::watch);
    }
    SECTION("still present not recorded keeps the episode open")
    {
        auto s2 = session("2026-11-01 12:00", {"neck"});
        report(s2, {.onset = "2026-11-01 18:00", .region = "neck", .still_present = Tri::unknown});
        auto f = flags("persistent", "2026-11-05 12:00");
        REQUIRE(f.size() == 2);
        // ...but never says it is still present: nobody said so.
        auto neck = f[0].evidence_key == "s2:neck:midline" ? f[0] : f[1];
        CHECK(neck.evidence == "twitch neck midline not reported gone 3 d 18 h after onset "
                               "(2026-11-01 18:00), still present not recorded; the clinic watches "
                               "after 3 days");
        SECTION("a later report that leaves it unsaid names the last that said it")
        {
            report(s, {.onset = "2026-11-01 18:00", .reported = "2026-11-03 09:00",
                       .region = "calf:left", .still_present = Tri::unknown});
            auto later = flags("persistent", "2026-11-05 12:00");
            auto calf = later[0].evidence_key == "s1:calf:left" ? later[0] : later[1];
            CHECK_THAT(calf.evidence,
                       Catch::Contains("not reported gone 3 d 18 h after onset (2026-11-01 18:00), "
                                       "last said still present 2026-11-01 19:00, not recorded since"));
        }
    }
    SECTION("a voided session never fires")
    {
        void_session(clinic(), s, "wrong client", DespiteFlags::yes);
        CHECK(flags("persistent", "2026-11-20 12:00").empty());
    }
    SECTION("thresholds are settings")
    {
        set_setting(clinic(), "persist.watch_days", "5");
        CHECK(flags("persistent", "2026-11-06 18:00").empty());
        CHECK(flags("persistent", "2026-11-06 18:01").size() == 1);
    }
    SECTION("the earliest onset of the episode counts")
    {
        report(s, {.onset = "2026-11-01 15:00", .reported = "2026-11-02 10:00", .region = "calf:left"});
        CHECK(flags("persistent", "2026-11-04 15:01").size() == 1);
    }
    SECTION("a return one minute after the resolution reopens it: persistence counts from the return")
    {
        report(s, {.onset = "2026-11-01 18:00", .reported = "2026-11-03 09:00", .region = "calf:left",
                   .still_present = Tri::unknown, .resolved = "2026-11-03 08:00"});
        CHECK(flags("persistent", "2026-11-12 12:00").empty());
        report(s, {.onset = "2026-11-03 08:01", .reported = "2026-11-10 09:00", .region = "calf:left",
                   .still_present = Tri::yes});
        // 3 days after the return, not after the first onset.
        CHECK(flags("persistent", "2026-11-06 08:01").empty()); // the return was not known yet
        CHECK(flags("persistent", "2026-11-10 12:00").size() == 1);
        auto f = flags("persistent", "2026-11-10 12:00");
        CHECK(f[0].level == Level::watch);
        CHECK(f[0].evidence_key == "s1:calf:left/bout2");
        CHECK(f[0].evidence == "twitch calf left still present 7 d 3 h 59 min after it came back "
                               "(bout 2) (2026-11-03 08:01); the clinic watches after 3 days");
        CHECK(flags("persistent", "2026-11-17 08:02")[0].level == Level::refer);
    }
    SECTION("an onset at the resolution itself is the same bout, reopened")
    {
        report(s, {.onset = "2026-11-01 18:00", .reported = "2026-11-03 09:00", .region = "calf:left",
                   .still_present = Tri::unknown, .resolved = "2026-11-03 08:00"});
        report(s, {.onset = "2026-11-03 08:00", .reported = "2026-11-10 09:00", .region = "calf:left",
                   .still_present = Tri::yes});
        auto f = flags("persistent", "2026-11-10 12:00");
        REQUIRE(f.size() == 1);
        CHECK(f[0].evidence_key == "s1:calf:left");
        CHECK_THAT(f[0].evidence, Catch::Contains("after onset (2026-11-01 18:00)"));
    }
    SECTION("a reviewed first bout does not hide the return")
    {
        report(s, {.onset = "2026-11-01 18:00", .reported = "2026-11-06 09:00", .region = "calf:left",
                   .still_present = Tri::yes});
        // (reviews are made "now", 2026-11-21; the query below is as of then)
        review_flag(clinic(), "persistent", client, "s1:calf:left", ReviewAction::acknowledged, {});
        report(s, {.onset = "2026-11-07 09:00", .reported = "2026-11-08 09:00", .region = "calf:left",
                   .still_present = Tri::no});
        report(s, {.onset = "2026-11-09 09:00", .reported = "2026-11-20 09:00", .region = "calf:left",
                   .still_present = Tri::unknown});
        FlagQuery q;
        q.as_of = at("2026-11-21 10:00");
        q.unreviewed_only = true;
        auto f = compute_flags(clinic(), q);
        REQUIRE(f.size() == 1);
        CHECK(f[0].rule == "persistent");
        CHECK(f[0].evidence_key == "s1:calf:left/bout2");
    }
}

TEST_CASE_METHOD(RulesFixture, "rules::persistent across DST", "[rules][time]")
{
    // New York springs forward on 2026-03-08: Saturday noon to Tuesday noon is
    // 3 days on the clinic's clock though only 71 hours pass.
    auto s = session("2026-03-07 10:00");
    report(s, {.onset = "2026-03-07 12:00"});
    CHECK(flags("persistent", "2026-03-10 12:00").empty());
    auto f = flags("persistent", "2026-03-10 12:01");
    REQUIRE(f.size() == 1);
    CHECK_THAT(f[0].evidence, Catch::Contains("3 d 0 h 1 min after onset (2026-03-07 12:00)"));

    SECTION("and the same in autumn, when 73 hours pass")
    {
        auto s2 = session("2026-10-31 10:00", {"neck"});
        report(s2, {.onset = "2026-10-31 12:00", .region = "neck"});
        auto at_three_days = flags("persistent", "2026-11-03 12:00");
        CHECK(std::none_of(at_three_days.begin(), at_three_days.end(),
                           [](const Flag& x) { return x.evidence_key == "s2:neck:midline"; }));
        auto after = flags("persistent", "2026-11-03 12:01");
        CHECK(std::any_of(after.begin(), after.end(),
                          [](const Flag& x) { return x.evidence_key == "s2:neck:midline"; }));
    }
}
