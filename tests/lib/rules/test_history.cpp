#include "rules_fixture.hpp"

#include <massagelog/core/catalog.hpp>
#include <massagelog/records/followups.hpp>
#include <massagelog/reports/calls_due.hpp>
#include <massagelog/rules/history.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

struct Histories : RulesFixture {
    // The client's one episode as of `as_of`, its bouts as "onset..closed" in clinic time.
    std::vector<std::string> bouts(const std::string& as_of)
    {
        Catalog catalog(db());
        std::vector<std::string> out;
        auto visit = [&](const ClientHistory& h) {
            REQUIRE(h.episodes.size() == 1);
            for (const Bout& b : h.episodes[0].bouts())
                out.push_back(clinic().clock().local_minutes(b.onset) + ".." +
                              (b.closed_at ? clinic().clock().local_minutes(*b.closed_at) : "open"));
        };
        each_client_history(clinic(), catalog, client, at(as_of), std::chrono::days{0}, visit);
        return out;
    }
    std::vector<std::int64_t> open_reports()
    {
        std::vector<std::int64_t> ids;
        each_report(clinic(), {.client_id = client, .open_only = true},
                    [&](const Report& r) { ids.push_back(r.id); });
        return ids;
    }
};

} // namespace

TEST_CASE_METHOD(Histories, "history::bouts", "[db]")
{
    auto s = session("2026-11-01 10:00");
    report(s, {.onset = "2026-11-01 18:00", .reported = "2026-11-02 09:00", .region = "calf:left"});
    report(s, {.onset = "2026-11-01 18:00", .reported = "2026-11-04 09:00", .region = "calf:left",
               .still_present = Tri::no});
    CHECK(bouts("2026-11-05 12:00") == std::vector<std::string>{"2026-11-01 18:00..2026-11-04 09:00"});
    CHECK(open_reports().empty());

    SECTION("a return one minute after the resolution is a new bout, and open")
    {
        report(s, {.onset = "2026-11-04 09:01", .reported = "2026-11-11 09:00", .region = "calf:left",
                   .still_present = Tri::yes});
        CHECK(bouts("2026-11-12 12:00") == std::vector<std::string>{
                                              "2026-11-01 18:00..2026-11-04 09:00",
                                              "2026-11-04 09:01..open"});
        CHECK(open_reports() == std::vector<std::int64_t>{3});
        // A call is due about it, counted from the return.
        auto due = due_followups(clinic(), at("2026-11-21 10:00"));
        auto open = std::find_if(due.begin(), due.end(), [](const DueCall& c) {
            return c.reason == DueReason::open_episode;
        });
        REQUIRE(open != due.end());
        CHECK_THAT(open->why, Catch::StartsWith("twitch calf left still open since 2026-11-04 09:01 "
                                                "(it came back: bout 2)"));
    }
    SECTION("a return that has gone again is a closed bout")
    {
        report(s, {.onset = "2026-11-06 09:00", .reported = "2026-11-08 09:00", .region = "calf:left",
                   .still_present = Tri::unknown, .resolved = "2026-11-07 09:00"});
        CHECK(bouts("2026-11-12 12:00") == std::vector<std::string>{
                                              "2026-11-01 18:00..2026-11-04 09:00",
                                              "2026-11-06 09:00..2026-11-07 09:00"});
        CHECK(open_reports().empty());
    }
    SECTION("a later report that it is still there, onset before the resolution, reopens the bout")
    {
        report(s, {.onset = "2026-11-01 18:00", .reported = "2026-11-06 09:00", .region = "calf:left",
                   .still_present = Tri::yes});
        CHECK(bouts("2026-11-12 12:00") == std::vector<std::string>{"2026-11-01 18:00..open"});
        CHECK(open_reports().size() == 3);
    }
    SECTION("a return whose presence was not recorded stays open: not recorded is not gone")
    {
        report(s, {.onset = "2026-11-09 09:00", .reported = "2026-11-10 09:00", .region = "calf:left",
                   .still_present = Tri::unknown});
        CHECK(bouts("2026-11-12 12:00").back() == "2026-11-09 09:00..open");
    }
}
