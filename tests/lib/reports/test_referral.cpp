#include "rules_fixture.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/reports/fhir.hpp>
#include <massagelog/reports/referral.hpp>
#include <massagelog/store/config.hpp>
#include <massagelog/rules/flags.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

struct ReferralFixture : RulesFixture {
    Referral letter(std::vector<std::string> flags = {})
    {
        ReferralRequest request;
        request.flags = std::move(flags);
        request.to = "Dr Ada Lee";
        request.as_of = at("2026-11-21 10:00");
        return build_referral(clinic(), client, request);
    }
};

std::string field_of(const InputError& e) { return e.field(); }

} // namespace

TEST_CASE_METHOD(ReferralFixture, "referral::the refer flags, their look-back and what is paused",
                 "[referral]")
{
    auto old = session("2026-09-01 10:00", {"neck"}, 2);      // long before: not in the letter
    auto before = session("2026-11-12 10:00", {"upper-back"}, 2); // within 7 days of the work
    auto deep = session("2026-11-17 10:00", {"shoulder:left"}, 4, "deep-tissue");
    report(deep, {.onset = "2026-11-17 20:00", .region = "shoulder:left",
                  .symptoms = {{Symptom::weakness, Tri::yes}}});
    report(old, {.onset = "2026-09-01 20:00", .reported = "2026-09-02 09:00", .region = "neck",
                 .still_present = Tri::no, .resolved = "2026-09-02 08:00"});

    Referral r = letter();
    REQUIRE_FALSE(r.record.flags.empty());
    for (const Flag& f : r.record.flags)
        CHECK(f.level == Level::refer);
    std::vector<std::int64_t> sessions;
    for (const Session& s : r.record.sessions)
        sessions.push_back(s.id);
    // From nerve.lookback_days (7) before the session behind the flags.
    CHECK(sessions == std::vector<std::int64_t>{before, deep});
    CHECK(r.lookback_from == "2026-11-10");
    REQUIRE(r.record.history.episodes.size() == 1);
    CHECK(r.record.history.episodes[0].session_id == deep);
    CHECK(r.paused == std::vector<std::string>{"shoulder left"});
    CHECK(r.therapists == std::vector<std::string>{"Rosa Larsen"});

    std::ostringstream html;
    render_referral_html(r, clinic().clock(), html);
    CHECK_THAT(html.str(), Catch::Contains("<h1>Referral to a physician: Ana Souza</h1>"));
    CHECK_THAT(html.str(), Catch::Contains("Dr Ada Lee"));
    CHECK_THAT(html.str(), Catch::Contains("counter(pages)"));
    for (const Flag& f : r.record.flags)
        CHECK_THAT(html.str(), Catch::Contains(f.evidence));

    SECTION("the clinic's name, when set, signs the letter and names the FHIR Organization")
    {
        set_setting(clinic(), "clinic.name", "Riverside Massage");
        Referral named = letter();
        std::ostringstream out;
        render_referral_html(named, clinic().clock(), out);
        CHECK_THAT(out.str(), Catch::Contains("Rosa Larsen, Riverside Massage"));
        auto bundle = referral_bundle(named, clinic().clock());
        CHECK(bundle["type"] == "document");
        CHECK(bundle["entry"][0]["resource"]["resourceType"] == "Composition");
        bool found = false;
        for (const auto& e : bundle["entry"])
            found = found || (e["resource"]["resourceType"] == "Organization" &&
                              e["resource"]["name"] == "Riverside Massage");
        CHECK(found);
        CHECK(referral_bundle(named, clinic().clock()) == bundle); // the same letter, the same ids
    }
    SECTION("one flag named, as flags lists it")
    {
        Referral one = letter({"weakness:s" + std::to_string(deep) + ":shoulder:left"});
        REQUIRE(one.record.flags.size() == 1);
        CHECK(one.record.flags[0].rule == "weakness");
    }
    SECTION("a cleared flag is no longer a reason; with none left the letter is refused")
    {
        for (const Flag& f : r.record.flags)
            review_flag(clinic(), f.rule, client, f.evidence_key, ReviewAction::cleared,
                        std::string("Dr Lee: fit to be worked on"));
        CHECK_THROWS_WITH(letter(), Catch::Contains("has no refer flag standing to refer for"));
    }
    SECTION("a flag the client does not have is refused, naming --flag")
    {
        for (const char* named : {"weakness", "weakness:s99:calf:left", "nerve:x"}) {
            try {
                letter({named});
                FAIL(named << " accepted");
            } catch (const InputError& e) {
                CHECK(field_of(e) == "--flag");
            }
        }
    }
}
