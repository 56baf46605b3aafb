// A Clinic names fields and next steps in messages with its front end's
// words, and plainly (a column's own name) when none are set.

#include "fixture.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/followups.hpp>
#include <massagelog/store/database.hpp>

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

TEST_CASE("clinic::next_steps", "[clinic]")
{
    // Where a hint sends someone is named by the front end too.
    TempDir dir;
    auto hint = [&](const Wording& words) {
        Clinic clinic(ClinicOptions{dir.file("c.db"), "Europe/Berlin", "tester", OpenMode::create,
                                    from_utc_text("2026-11-21T10:00:00Z"), words});
        try {
            log_followup(clinic, {99, FollowupOutcome::no_answer, std::nullopt, std::nullopt});
        } catch (const InputError& e) {
            return e.hint() + " / " + e.field();
        }
        return std::string("accepted");
    };
    CHECK(hint({}) == "see the calls due / session_id");
    CHECK(hint(app::cli_words()) == "see 'massagelog followup due' / --session");
    CHECK(hint({[](std::string_view c) { return std::string(c) + "!"; },
                [](Next, std::string_view) { return std::string("the page"); }}) ==
          "see the page / session_id!");
    // Before a database is open: where it lives and how to make one.
    try {
        open_database(dir.file("missing.db"), OpenMode::read_write, {"t", "t@h"}, {},
                      app::cli_words());
        FAIL("a missing database opened");
    } catch (const OperationalError& e) {
        CHECK(std::string(e.hint()) == "run 'massagelog init' to create it, or pass --db PATH");
    }
}
