#include "rules_fixture.hpp"

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

TEST_CASE_METHOD(RulesFixture, "rules::nerve", "[rules]")
{
    SECTION("shoulder weakness after pressure 4 on the shoulder")
    {
        auto s = session("2026-11-10 10:00", {"shoulder:left:4"}, 3, "deep-tissue");
        report(s, {.onset = "2026-11-10 20:00", .region = "shoulder:left",
                   .symptoms = {{Symptom::weakness, Tri::yes}}});
        auto f = flags("nerve", "2026-11-11 12:00");
        REQUIRE(f.size() == 1);
        CHECK(f[0].level == Level::refer);
        CHECK(f[0].evidence == "weakness yes in the shoulder left (report 1, 2026-11-10 21:00) after "
                               "session 1 worked shoulder left at pressure 4");
        CHECK_THAT(std::string(f[0].source), Catch::Contains("\u201cCan Massage Cause Muscle Spasms?\u201d"));
    }
    SECTION("neck pain after focal pressure on the neck")
    {
        auto s = session("2026-11-10 10:00", {"neck:2:focal"}, 2);
        report(s, {.onset = "2026-11-10 20:00", .region = "neck", .symptoms = {{Symptom::pain, Tri::yes}}});
        auto f = flags("nerve", "2026-11-11 12:00");
        REQUIRE(f.size() == 1);
        CHECK_THAT(f[0].evidence, Catch::EndsWith("at pressure 2 with focal pressure"));
    }
    SECTION("not calf pain after pressure 5 on the calf")
    {
        auto s = session("2026-11-10 10:00", {"calf:5"}, 5, "deep-tissue");
        report(s, {.onset = "2026-11-10 20:00", .region = "calf", .symptoms = {{Symptom::pain, Tri::yes}}});
        CHECK(flags("nerve", "2026-11-11 12:00").empty());
        CHECK(flags("accompanied", "2026-11-11 12:00").size() == 1);
    }
    SECTION("not after light, unfocused pressure, nor on the other shoulder, nor when not recorded")
    {
        auto light = session("2026-11-10 10:00", {"shoulder:left:3"}, 3);
        report(light, {.onset = "2026-11-10 20:00", .region = "shoulder:left",
                       .symptoms = {{Symptom::pain, Tri::yes}}});
        auto right = session("2026-11-12 10:00", {"shoulder:right:5"}, 5);
        report(right, {.onset = "2026-11-12 20:00", .region = "shoulder:left",
                       .symptoms = {{Symptom::numbness, Tri::yes}}});
        auto unknown = session("2026-11-14 10:00", {"upper-arm:both:5"}, 5);
        report(unknown, {.onset = "2026-11-14 20:00", .region = "upper-arm:left"});
        CHECK(flags("nerve", "2026-11-15 12:00").empty());
    }
    SECTION("a session's 'both' covers either side")
    {
        auto s = session("2026-11-10 10:00", {"upper-arm:both:4"}, 4);
        report(s, {.onset = "2026-11-10 20:00", .region = "upper-arm:right",
                   .symptoms = {{Symptom::numbness, Tri::yes}}});
        CHECK(flags("nerve", "2026-11-11 12:00").size() == 1);
    }
}

TEST_CASE_METHOD(RulesFixture, "rules::nerve look-back", "[rules]")
{
    SECTION("deep work on Monday, a light session on Wednesday, pain filed under Wednesday")
    {
        auto monday = session("2026-11-09 10:00", {"shoulder:left:5"}, 5, "deep-tissue");
        auto wednesday = session("2026-11-11 10:00", {"shoulder:left:2"}, 2);
        report(wednesday, {.onset = "2026-11-11 20:00", .region = "shoulder:left",
                           .symptoms = {{Symptom::pain, Tri::yes}}});
        auto f = flags("nerve", "2026-11-12 12:00");
        REQUIRE(f.size() == 1);
        CHECK(f[0].evidence == "pain yes in the shoulder left (report 1, 2026-11-11 21:00) after "
                               "session 1 on 2026-11-09 10:00, 2 d 10 h before the onset (the "
                               "report is filed under session 2), worked shoulder left at pressure 5");
        CHECK(f[0].session_ids == std::vector<std::int64_t>{monday, wednesday});
        CHECK(f[0].evidence_key == "s2:shoulder:left");
        // The nerve referral says more than the pain watch.
        CHECK(flags("accompanied", "2026-11-12 12:00").empty());
    }
    SECTION("exactly 7 days before the onset counts; 7 days and a minute does not")
    {
        session("2026-11-02 10:00", {"neck:midline:3:focal"}, 3, "trigger-point");
        auto light = session("2026-11-08 10:00", {"neck"}, 1);
        report(light, {.onset = "2026-11-09 10:00", .region = "neck",
                       .symptoms = {{Symptom::numbness, Tri::yes}}});
        auto f = flags("nerve", "2026-11-10 12:00");
        REQUIRE(f.size() == 1);
        CHECK_THAT(f[0].evidence, Catch::Contains("session 1 on 2026-11-02 10:00, 7 d 0 h before"));

    }
    SECTION("7 days and a minute before the onset does not count")
    {
        session("2026-11-02 10:00", {"neck:midline:3:focal"}, 3, "trigger-point");
        auto light = session("2026-11-08 10:00", {"neck"}, 1);
        report(light, {.onset = "2026-11-09 10:01", .region = "neck",
                       .symptoms = {{Symptom::numbness, Tri::yes}}});
        CHECK(flags("nerve", "2026-11-10 12:00").empty());
        set_setting(clinic(), "nerve.lookback_days", "8");
        CHECK(flags("nerve", "2026-11-10 12:00").size() == 1);
    }
    SECTION("the look-back is clinic time: 7 days across the autumn clock change")
    {
        // 2026-11-01 02:00 EDT became 01:00 EST: 7 clinic days and half an
        // hour are 7 days 1 h 30 min of real time.
        session("2026-10-28 10:00", {"neck:midline:4"}, 4, "deep-tissue");
        auto light = session("2026-11-04 09:00", {"neck"}, 1);
        report(light, {.onset = "2026-11-04 10:30", .region = "neck",
                       .symptoms = {{Symptom::numbness, Tri::yes}}});
        CHECK(flags("nerve", "2026-11-05 12:00").empty());
        set_setting(clinic(), "nerve.lookback_days", "8");
        auto f = flags("nerve", "2026-11-05 12:00");
        REQUIRE(f.size() == 1);
        CHECK_THAT(f[0].evidence,
                   Catch::Contains("session 1 on 2026-10-28 10:00, 7 d 0 h 30 min before"));
    }
    SECTION("a client seen for months: only the sessions of the look-back count")
    {
        // Weekly deep work for half a year, then a light session with
        // numbness after it and deep work again: the flag names the last
        // deep session before the onset, not the one after it.
        for (int week = 0; week < 26; ++week) {
            Instant start = at("2026-05-01 10:00") + std::chrono::days{7 * week};
            session(clinic().clock().local_minutes(start), {"shoulder:right:5"}, 5, "deep-tissue");
        }
        auto light = session("2026-10-27 10:00", {"shoulder:right:1"}, 1);
        session("2026-10-30 10:00", {"shoulder:right:5"}, 5, "deep-tissue");
        report(light, {.onset = "2026-10-27 18:00", .region = "shoulder:right",
                       .symptoms = {{Symptom::numbness, Tri::yes}}});
        auto f = flags("nerve", "2026-11-20 12:00");
        REQUIRE(f.size() == 1);
        CHECK_THAT(f[0].evidence, Catch::Contains("session 26 on 2026-10-23 10:00"));
    }
    SECTION("not a session after the onset, nor a voided one, nor another region")
    {
        auto voided = session("2026-11-09 10:00", {"upper-arm:right:5"}, 5, "sports");
        void_session(clinic(), voided, "entered twice");
        session("2026-11-09 11:00", {"forearm:right:5"}, 5, "sports");
        auto light = session("2026-11-10 10:00", {"upper-arm:right:1"}, 1);
        report(light, {.onset = "2026-11-10 12:00", .reported = "2026-11-12 09:00",
                       .region = "upper-arm:right", .symptoms = {{Symptom::weakness, Tri::yes}}});
        session("2026-11-11 10:00", {"upper-arm:right:5"}, 5, "sports");
        CHECK(flags("nerve", "2026-11-12 12:00").empty());
    }
}
