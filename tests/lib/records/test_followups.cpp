#include "rules_fixture.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/followups.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

TEST_CASE_METHOD(RulesFixture, "followups::log refusals", "[followups]")
{
    auto s = session("2026-11-10 10:00", {"calf"}, 4);
    auto before = snapshot();
    CHECK_THROWS_AS(log_followup(clinic(), {99, FollowupOutcome::no_answer, std::nullopt, std::nullopt}), InputError);
    CHECK_THROWS_AS(log_followup(clinic(), {s, FollowupOutcome::no_answer, at("2026-11-09 10:00"), std::nullopt}), InputError);
    CHECK_THROWS_AS(log_followup(clinic(), {s, FollowupOutcome::no_answer, at("2026-11-22 10:00"), std::nullopt}), InputError);
    CHECK(snapshot() == before);
    auto id = log_followup(clinic(), {s, FollowupOutcome::no_reaction, std::nullopt, std::string("fine")});
    auto calls = client_followups(clinic(), client);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].id == id);
    CHECK(calls[0].session_id == s);
    CHECK(calls[0].outcome == FollowupOutcome::no_reaction);
    CHECK(calls[0].notes == std::optional<std::string>("fine"));
    CHECK(db().execAndGet("SELECT action || ' ' || entity FROM audit_log ORDER BY id DESC LIMIT 1").getString() ==
          "create followup");
}
