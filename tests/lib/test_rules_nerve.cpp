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
        CHECK_THAT(std::string(f[0].source), Catch::Contains("004_bc79bfd18413faca.txt"));
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
