#include "rules_fixture.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/followups.hpp>
#include <massagelog/reports/calls_due.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

struct DueFixture : RulesFixture {
    std::vector<DueCall> due(const std::string& as_of, std::optional<DueReason> only = {})
    {
        auto all = due_followups(clinic(), at(as_of));
        std::vector<DueCall> out;
        for (auto& c : all)
            if (!only || c.reason == *only)
                out.push_back(c);
        return out;
    }
    void call(std::int64_t session, const std::string& when,
              FollowupOutcome outcome = FollowupOutcome::no_reaction)
    {
        log_followup(clinic(), {session, outcome, at(when), std::nullopt});
    }
};

} // namespace

TEST_CASE_METHOD(DueFixture, "calls due::check-ins", "[calls_due]")
{
    auto deep = session("2026-11-10 16:00", {"upper-back"}, 4, "swedish");
    session("2026-11-10 17:00", {"upper-back"}, 2, "swedish"); // light: never due

    SECTION("day 1 falls due at the start of the next clinic day")
    {
        CHECK(due("2026-11-10 23:59", DueReason::check_in).empty());
        auto d = due("2026-11-11 00:00", DueReason::check_in);
        REQUIRE(d.size() == 1);
        CHECK(d[0].session_id == deep);
        CHECK_THAT(d[0].why, Catch::StartsWith("day-1 check-in after swedish at pressure 4"));
        CHECK_THAT(d[0].why, Catch::EndsWith("(due today)"));
        CHECK_THAT(due("2026-11-12 09:00", DueReason::check_in)[0].why, Catch::Contains("1 day overdue"));
    }
    SECTION("a logged call removes it until the next check-in day")
    {
        call(deep, "2026-11-11 10:00");
        CHECK(due("2026-11-11 10:01", DueReason::check_in).empty());
        CHECK(due("2026-11-12 23:00", DueReason::check_in).empty());
        auto d = due("2026-11-13 08:00", DueReason::check_in);
        REQUIRE(d.size() == 1);
        CHECK_THAT(d[0].why, Catch::StartsWith("day-3 check-in"));
    }
    SECTION("a call before the day it was due does not count for it")
    {
        call(deep, "2026-11-10 20:00");
        CHECK(due("2026-11-11 09:00", DueReason::check_in).size() == 1);
    }
    SECTION("an unanswered call clears it for the rest of the day only")
    {
        call(deep, "2026-11-11 10:00", FollowupOutcome::no_answer);
        CHECK(due("2026-11-11 18:00", DueReason::check_in).empty());
        CHECK(due("2026-11-12 09:00", DueReason::check_in).size() == 1);
    }
    SECTION("the last check-in drops off seven days after its day")
    {
        CHECK(due("2026-11-24 12:00", DueReason::check_in).size() == 1); // day 7 was 11-17
        CHECK(due("2026-11-25 12:00", DueReason::check_in).empty());
    }
    SECTION("deep techniques count at any pressure; voided sessions never")
    {
        auto sports = session("2026-11-10 18:00", {"calf"}, 2, "sports");
        CHECK(due("2026-11-11 09:00", DueReason::check_in).size() == 2);
        void_session(clinic(), sports, "wrong day");
        CHECK(due("2026-11-11 09:00", DueReason::check_in).size() == 1);
    }
    SECTION("the days are a setting")
    {
        set_setting(clinic(), "followup.days", "2");
        CHECK(due("2026-11-11 09:00", DueReason::check_in).empty());
        CHECK(due("2026-11-12 09:00", DueReason::check_in).size() == 1);
    }
}

TEST_CASE_METHOD(DueFixture, "calls due::open reactions", "[calls_due]")
{
    auto s = session("2026-11-10 10:00", {"calf"}, 2);
    report(s, {.onset = "2026-11-10 18:00", .reported = "2026-11-11 09:00", .region = "calf"});

    SECTION("due open_every_days after the last report, and again after each call")
    {
        CHECK(due("2026-11-13 08:59", DueReason::open_episode).empty());
        auto d = due("2026-11-13 09:00", DueReason::open_episode);
        REQUIRE(d.size() == 1);
        CHECK_THAT(d[0].why, Catch::StartsWith("twitch calf both still open since 2026-11-10 18:00"));
        call(s, "2026-11-13 10:00", FollowupOutcome::reaction_reported);
        CHECK(due("2026-11-15 09:59", DueReason::open_episode).empty());
        CHECK(due("2026-11-15 10:00", DueReason::open_episode).size() == 1);
    }
    SECTION("a resolved reaction needs no more calls")
    {
        report(s, {.onset = "2026-11-10 18:00", .reported = "2026-11-12 09:00", .region = "calf",
                   .still_present = Tri::no});
        CHECK(due("2026-11-20 09:00", DueReason::open_episode).empty());
    }
}

TEST_CASE_METHOD(DueFixture, "calls due::refer flags first", "[calls_due]")
{
    auto s = session("2026-11-10 10:00", {"calf"}, 4);
    report(s, {.onset = "2026-11-10 18:00", .reported = "2026-11-11 09:00", .region = "calf",
               .symptoms = {{Symptom::weakness, Tri::yes}}});
    auto d = due("2026-11-14 09:00");
    REQUIRE(d.size() == 3);
    CHECK(d[0].reason == DueReason::refer_flag);
    CHECK(d[0].flag_rule == "weakness");
    review_flag(clinic(), "weakness", client, "s1:calf:both", ReviewAction::referred, std::nullopt);
    for (const auto& c : due("2026-11-21 15:00"))
        CHECK(c.reason != DueReason::refer_flag);
}

TEST_CASE_METHOD(DueFixture, "calls due::one call per client and session", "[calls_due]")
{
    auto s = session("2026-11-10 10:00", {"calf"}, 4);
    report(s, {.onset = "2026-11-10 18:00", .reported = "2026-11-11 09:00", .region = "calf",
               .symptoms = {{Symptom::weakness, Tri::yes}}});
    auto later = session("2026-11-12 10:00", {"upper-back"}, 4);
    auto due = due_followups(clinic(), at("2026-11-14 09:00"));
    REQUIRE(due.size() == 4);

    auto calls = calls_to_make(due);
    REQUIRE(calls.size() == 2);
    // The reaction's flag, its check-in and its open episode are one call,
    // first because of the flag; the later session's check-in is another.
    CHECK(calls[0].first().session_id == s);
    REQUIRE(calls[0].reasons.size() == 3);
    CHECK(calls[0].reasons[0].reason == DueReason::refer_flag);
    // Its due time is the earliest of its reasons': here the flag's.
    CHECK(calls[0].due_at() == calls[0].reasons[0].due_at);
    for (const DueCall& c : calls[0].reasons)
        CHECK(calls[0].due_at() <= c.due_at);
    CHECK(calls[0].reasons[1].due_at != calls[0].reasons[0].due_at);
    CHECK(calls[1].first().session_id == later);
    CHECK(calls[1].reasons.size() == 1);
    CHECK(calls[1].first().reason == DueReason::check_in);
}
