#include <massagelog/core/error.hpp>
#include <massagelog/core/time.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <random>

using namespace massagelog;

namespace {

ClinicClock clock_in(const char* zone)
{
    return ClinicClock(find_zone(zone), from_utc_text("2026-11-21T15:00:00Z"));
}

std::string parsed(const ClinicClock& c, const char* text,
                   DateMeans bare = DateMeans::start_of_day)
{
    return to_utc_text(c.parse(text, "--at", bare));
}

std::string error_of(const ClinicClock& c, const char* text)
{
    try {
        c.parse(text, "--at");
    } catch (const InputError& e) {
        return std::string(e.what()) + " | " + e.hint();
    }
    return "no error";
}

} // namespace

TEST_CASE("time::parse", "[time]")
{
    auto ny = clock_in("America/New_York");

    SECTION("clinic local forms")
    {
        CHECK(parsed(ny, "2026-07-01 09:30") == "2026-07-01T13:30:00Z");
        CHECK(parsed(ny, "2026-07-01T09:30:15") == "2026-07-01T13:30:15Z");
        CHECK(parsed(ny, "2026-12-01 09:30") == "2026-12-01T14:30:00Z");
    }
    SECTION("explicit offsets and Z ignore the zone")
    {
        CHECK(parsed(ny, "2026-07-01 09:30Z") == "2026-07-01T09:30:00Z");
        CHECK(parsed(ny, "2026-07-01T09:30:00+02:00") == "2026-07-01T07:30:00Z");
        CHECK(parsed(ny, "2026-07-01T09:30-05:30") == "2026-07-01T15:00:00Z");
    }
    SECTION("now, today and yesterday are clinic days")
    {
        CHECK(parsed(ny, "now") == "2026-11-21T15:00:00Z");
        CHECK(parsed(ny, "today 09:00") == "2026-11-21T14:00:00Z");
        CHECK(parsed(ny, "yesterday 18:15") == "2026-11-20T23:15:00Z");
        // 15:00 UTC is already the 22nd in Tokyo.
        CHECK(parsed(clock_in("Asia/Tokyo"), "today 08:00") == "2026-11-21T23:00:00Z");
    }
    SECTION("a bare date is the start of that day, or its end for --to")
    {
        CHECK(parsed(ny, "2026-11-20") == "2026-11-20T05:00:00Z");
        CHECK(parsed(ny, "2026-11-20", DateMeans::end_of_day) == "2026-11-21T05:00:00Z");
    }
    SECTION("bad text is an input error naming the flag")
    {
        for (const char* bad : {"", "tomorrow", "2026-13-01", "2026-02-30 10:00", "2026-11-21 25:00",
                                "2026-11-21 10:60", "21/11/2026", "2026-11-21 10:00+5", "0000-01-01",
                                "9999-01-01 10:00", "2026-11-21 10:00 junk"}) {
            INFO(bad);
            CHECK_THROWS_AS(ny.parse(bad, "--at"), InputError);
            CHECK(error_of(ny, bad).rfind("--at '", 0) == 0);
        }
    }
}

TEST_CASE("time::parse DST", "[time]")
{
    SECTION("America/New_York spring gap")
    {
        auto ny = clock_in("America/New_York");
        std::string e = error_of(ny, "2026-03-08 02:30");
        CHECK_THAT(e, Catch::Contains("does not exist in America/New_York"));
        CHECK_THAT(e, Catch::Contains("02:00 to 03:00"));
        CHECK_THAT(e, Catch::Contains("2026-03-08 03:30-04:00"));
        CHECK(parsed(ny, "2026-03-08 03:30-04:00") == "2026-03-08T07:30:00Z");
        CHECK(parsed(ny, "2026-03-08 01:59") == "2026-03-08T06:59:00Z");
        CHECK(parsed(ny, "2026-03-08 03:00") == "2026-03-08T07:00:00Z");
    }
    SECTION("America/New_York autumn overlap")
    {
        auto ny = clock_in("America/New_York");
        std::string e = error_of(ny, "2026-11-01 01:30");
        CHECK_THAT(e, Catch::Contains("happens twice in America/New_York"));
        CHECK_THAT(e, Catch::Contains("'2026-11-01 01:30-04:00' for the first"));
        CHECK_THAT(e, Catch::Contains("'2026-11-01 01:30-05:00' for the second"));
        CHECK(parsed(ny, "2026-11-01 01:30-05:00") == "2026-11-01T06:30:00Z");
    }
    SECTION("Europe/Berlin spring gap and autumn overlap")
    {
        auto berlin = clock_in("Europe/Berlin");
        CHECK_THAT(error_of(berlin, "2026-03-29 02:15"),
                   Catch::Contains("does not exist in Europe/Berlin"));
        CHECK_THAT(error_of(berlin, "2026-03-29 02:15"), Catch::Contains("2026-03-29 03:15+02:00"));
        CHECK_THAT(error_of(berlin, "2026-10-25 02:30"), Catch::Contains("happens twice"));
        CHECK_THAT(error_of(berlin, "2026-10-25 02:30"), Catch::Contains("02:30+02:00"));
        CHECK_THAT(error_of(berlin, "2026-10-25 02:30"), Catch::Contains("02:30+01:00"));
        CHECK(parsed(berlin, "2026-10-25 02:30+01:00") == "2026-10-25T01:30:00Z");
    }
    SECTION("a bare date on a day whose midnight is skipped starts when the clocks jump")
    {
        // Santiago springs forward at midnight: 2026-09-06 00:00 does not exist.
        auto santiago = clock_in("America/Santiago");
        CHECK(parsed(santiago, "2026-09-06") == "2026-09-06T04:00:00Z");
    }
}

TEST_CASE("time::format", "[time]")
{
    auto berlin = clock_in("Europe/Berlin");
    auto summer = from_utc_text("2026-07-01T10:00:00Z");
    auto winter = from_utc_text("2026-12-01T10:00:00Z");
    CHECK(berlin.local_minutes(summer) == "2026-07-01 12:00");
    CHECK(berlin.local_iso(summer) == "2026-07-01T12:00:00+02:00");
    CHECK(berlin.local_iso(winter) == "2026-12-01T11:00:00+01:00");
    CHECK(clock_in("America/St_Johns").local_iso(winter) == "2026-12-01T06:30:00-03:30");
    CHECK(to_utc_text(winter) == "2026-12-01T10:00:00Z");
    CHECK_THROWS_AS(from_utc_text("2026-12-01 10:00:00"), InputError);
    CHECK_THROWS_AS(find_zone("Mars/Olympus"), InputError);
}

TEST_CASE("time::a clinic's zone is a place", "[time]")
{
    for (const char* place : {"Europe/Berlin", "America/Argentina/Salta", "Pacific/Chatham",
                              "Etc/UTC", "UTC"}) {
        CHECK(is_place_zone(place));
        CHECK_NOTHROW(find_place_zone(place, "--tz"));
    }
    // Each is in the tz database, and each would show summer times an hour
    // off for a clinic in its region.
    for (const char* not_a_place : {"EST", "MST", "EST5EDT", "Etc/GMT+5", "CET"}) {
        CHECK_NOTHROW(find_zone(not_a_place));
        CHECK_FALSE(is_place_zone(not_a_place));
        try {
            find_place_zone(not_a_place, "--tz");
            FAIL(not_a_place << " accepted");
        } catch (const InputError& e) {
            CHECK(e.field() == "--tz");
            CHECK_THAT(e.what(), Catch::Contains("is not a place's time zone"));
        }
    }
    auto zones = place_zones();
    CHECK(zones.size() > 300);
    CHECK(std::is_sorted(zones.begin(), zones.end()));
    CHECK(std::find(zones.begin(), zones.end(), "America/New_York") != zones.end());
    CHECK(std::find(zones.begin(), zones.end(), "Etc/UTC") != zones.end());
    CHECK(std::find(zones.begin(), zones.end(), "EST") == zones.end());
}

TEST_CASE("time::parse_calendar_date", "[time]")
{
    CHECK(parse_calendar_date("1988-04-12", "--birth-date") == "1988-04-12");
    CHECK_THROWS_AS(parse_calendar_date("1988-02-30", "--birth-date"), InputError);
    CHECK_THROWS_AS(parse_calendar_date("12.04.1988", "--birth-date"), InputError);
    CHECK_THROWS_AS(parse_calendar_date("0000-01-01", "--birth-date"), InputError);
}

TEST_CASE("time::stored form round trip", "[time][property]")
{
    // Every second-resolution instant from 1900 to 2199 reads back as written;
    // sampled across leap days, month ends and the century rules.
    std::mt19937_64 rng(42);
    auto lo = from_utc_text("1900-01-01T00:00:00Z").time_since_epoch().count();
    auto hi = from_utc_text("2199-12-31T23:59:59Z").time_since_epoch().count();
    for (int i = 0; i < 200000; ++i) {
        Instant t{std::chrono::seconds{lo + static_cast<long long>(rng() % static_cast<unsigned long long>(hi - lo))}};
        REQUIRE(from_utc_text(to_utc_text(t)) == t);
    }
    for (const char* edge : {"2000-02-29T12:00:00Z", "2024-02-29T00:00:00Z", "1900-02-28T23:59:59Z",
                             "2100-12-31T23:59:59Z", "1970-01-01T00:00:00Z"})
        CHECK(to_utc_text(from_utc_text(edge)) == edge);
    for (const char* bad : {"1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                            "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T10:60:00Z"})
        CHECK_THROWS_AS(from_utc_text(bad), InputError);
}

TEST_CASE("time::one range for entry and every reader", "[time]")
{
    // Property: whatever TIME entry accepts, in any zone, is stored in a form
    // every reader reads back to the same instant. Random times near the ends
    // of the range, in zones far east and west of UTC, with and without offsets.
    std::mt19937 random(20261121);
    const char* zones[] = {"Europe/Berlin", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Etc/UTC",
                           "America/New_York"};
    const char* offsets[] = {"", "Z", "+14:00", "-12:00", "+01:00"};
    int accepted = 0, refused = 0;
    for (int i = 0; i < 20000; ++i) {
        ClinicClock clock(find_zone(zones[random() % 5]), from_utc_text("2026-11-21T15:00:00Z"));
        int year = random() % 2 ? 1899 + static_cast<int>(random() % 3)
                                : 2198 + static_cast<int>(random() % 3);
        std::string text = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}{}", year, 1 + random() % 12,
                                       1 + random() % 28, random() % 24, random() % 60,
                                       offsets[random() % 5]);
        Instant t;
        try {
            t = clock.parse(text, "--at");
        } catch (const InputError&) {
            ++refused;
            continue;
        }
        ++accepted;
        INFO(text << " in " << clock.zone_name());
        CHECK(t >= k_earliest);
        CHECK(t <= k_latest);
        std::string stored = to_utc_text(t);
        CHECK(from_utc_text(stored) == t);
        CHECK_NOTHROW(clock.local_minutes(t));
        CHECK_NOTHROW(clock.local_iso(t));
    }
    CHECK(accepted > 1000);
    CHECK(refused > 1000);
    SECTION("the boundaries")
    {
        ClinicClock berlin(find_zone("Europe/Berlin"), from_utc_text("2026-11-21T15:00:00Z"));
        CHECK_THROWS_WITH(berlin.parse("1900-01-01 00:00", "--at"),
                          "--at '1900-01-01 00:00' is 1899-12-31T23:00:00Z in UTC, outside the "
                          "times a record can hold");
        CHECK(to_utc_text(berlin.parse("1900-01-01 01:00", "--at")) == "1900-01-01T00:00:00Z");
        CHECK(to_utc_text(berlin.parse("2199-12-31T23:59:59Z", "--at")) == "2199-12-31T23:59:59Z");
        CHECK_THROWS_AS(berlin.parse("2199-12-31 23:59:59-00:01", "--at"), InputError);
    }
    SECTION("a time stored before the range was checked is still read")
    {
        ClinicClock berlin(find_zone("Europe/Berlin"), from_utc_text("2026-11-21T15:00:00Z"));
        for (const char* stored : {"1899-12-31T23:00:00Z", "0001-01-01T00:00:00Z",
                                   "2200-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
            INFO(stored);
            Instant t = from_utc_text(stored);
            CHECK(to_utc_text(t) == stored);
            CHECK_NOTHROW(berlin.local_minutes(t));
            // ... and entry still refuses it.
            CHECK_THROWS_AS(berlin.parse(stored, "--at"), InputError);
        }
        CHECK(berlin.local_minutes(from_utc_text("1899-12-31T23:00:00Z")) == "1900-01-01 00:00");
        CHECK_THROWS_AS(from_utc_text("1899-02-29T00:00:00Z"), InputError);
    }
}
