// A Clinic names fields in messages with its front end's words, and with
// the columns' own names when none are set.

#include "fixture.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/followups.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

TEST_CASE("clinic::labels", "[clinic]")
{
    TempDir dir;
    Clinic clinic(ClinicOptions{dir.file("c.db"), "Europe/Berlin", "tester", OpenMode::create,
                                from_utc_text("2026-11-21T10:00:00Z")});
    auto refusal = [&] {
        try {
            log_followup(clinic, {99, FollowupOutcome::no_answer, std::nullopt, std::nullopt});
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(clinic.label("session_id") == "session_id");
    CHECK(refusal() == "session_id 99: no such session");
    clinic.set_label([](std::string_view column) { return "the " + std::string(column) + " field"; });
    CHECK(refusal() == "the session_id field 99: no such session");
    clinic.set_label(app::flag_label);
    CHECK(refusal() == "--session 99: no such session");
}
