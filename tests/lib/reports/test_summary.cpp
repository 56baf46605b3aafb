// The client's follow-up report and the clinic's report: what they gather,
// and that the text and HTML say the same things safely.

#include "rules_fixture.hpp"

#include <massagelog/records/followups.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/reports/summary.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

struct SummaryFixture : RulesFixture {
    std::int64_t neck = 0, calf = 0;
    SummaryFixture()
    {
        neck = session("2026-11-17 11:00", {"neck:midline:4:focal", "shoulder:left"}, 4,
                       "deep-tissue");
        calf = session("2026-11-19 10:00");
        report(neck, {.onset = "2026-11-17 20:00",
                      .region = "shoulder:left",
                      .severity = 4,
                      .symptoms = {{Symptom::weakness, Tri::yes}}});
        report(calf, {.onset = "2026-11-19 18:00", .reported = "2026-11-20 09:00", .severity = 2,
                      .still_present = Tri::no,
                      .resolved = "2026-11-20 08:00"});
        FollowupInput call;
        call.session_id = calf;
        call.outcome = FollowupOutcome::no_reaction;
        log_followup(clinic(), call);
    }

    std::string render(const ClientSummary& s, ReportFormat format)
    {
        std::ostringstream out;
        render_client_summary(s, clinic().clock(), format, out);
        return out.str();
    }
};

} // namespace

TEST_CASE_METHOD(SummaryFixture, "summary::client", "[summary]")
{
    ClientSummary s = client_summary(clinic(), client, std::nullopt);
    CHECK(s.client.name == "Ana Souza");
    CHECK(s.sessions.size() == 2);
    CHECK(s.history.episodes.size() == 2);
    CHECK(s.followups.size() == 1);
    REQUIRE_FALSE(s.flags.empty());
    CHECK(s.flags.front().level == Level::refer); // weakness after deep focal work on the neck
    SECTION("the text names the sessions, the reactions, the flags and their sources")
    {
        std::string text = render(s, ReportFormat::text);
        CHECK_THAT(text, Catch::Contains("Client:  Ana Souza (client 1)"));
        CHECK_THAT(text, Catch::Contains("deep-tissue, pressure 4"));
        CHECK_THAT(text, Catch::Contains("twitch in the shoulder (left)"));
        CHECK_THAT(text, Catch::Contains("weakness yes"));
        CHECK_THAT(text, Catch::Contains("Aftercare"));
        for (const Flag& f : s.flags)
            CHECK_THAT(text, Catch::Contains(std::string(f.rule)));
    }
    SECTION("the HTML is one self-contained file that escapes what clients typed")
    {
        add_client(clinic(), {"<b>Eve</b> & Co", {}, {}, {}, {"<script>alert(1)</script>"}});
        ClientSummary eve = client_summary(clinic(), 2, std::nullopt);
        std::string html = render(eve, ReportFormat::html);
        CHECK_THAT(html, Catch::Contains("<!DOCTYPE html>"));
        CHECK_THAT(html, Catch::Contains("&lt;b&gt;Eve&lt;/b&gt; &amp; Co"));
        CHECK_THAT(html, !Catch::Contains("<script"));
        // Nothing fetched: no scripts, style sheets or images from elsewhere.
        CHECK_THAT(html, !Catch::Contains("src="));
        CHECK_THAT(html, !Catch::Contains("<link"));
        CHECK_THAT(render(s, ReportFormat::html), Catch::Contains("Ana Souza"));
    }
    SECTION("an open reaction nobody said was still present reads as not recorded")
    {
        auto back = session("2026-11-20 10:00", {"lower-back"});
        report(back, {.onset = "2026-11-20 18:00", .region = "lower-back",
                      .still_present = Tri::unknown});
        std::string text = render(client_summary(clinic(), client, std::nullopt), ReportFormat::text);
        CHECK_THAT(text, Catch::Contains("(still present not recorded)"));
        CHECK_THAT(text, Catch::Contains("still present: not recorded"));
    }
    SECTION("an unknown client is bad input")
    {
        CHECK_THROWS_AS(client_summary(clinic(), 99, std::nullopt), InputError);
    }
}

TEST_CASE_METHOD(SummaryFixture, "summary::clinic", "[summary]")
{
    ClinicSummary s = clinic_summary(clinic(), std::nullopt, std::nullopt);
    CHECK(s.sessions == 2);
    CHECK(s.reacted == 2);
    CHECK(s.reports == 2);
    CHECK(s.clients == 1);
    REQUIRE(s.by_technique.size() == 2);
    for (const GroupRow& g : s.by_technique) {
        CHECK(g.sessions == 1);
        CHECK(g.reacted == 1);
    }
    SECTION("a period counts only the sessions that started in it")
    {
        ClinicSummary later = clinic_summary(clinic(), at("2026-11-18 00:00"), std::nullopt);
        CHECK(later.sessions == 1);
        CHECK(later.reports == 1);
    }
    SECTION("the text and the HTML give the same counts")
    {
        std::ostringstream text, html;
        render_clinic_summary(s, clinic().clock(), ReportFormat::text, text);
        render_clinic_summary(s, clinic().clock(), ReportFormat::html, html);
        CHECK_THAT(text.str(), Catch::Contains("Sessions: 2"));
        CHECK_THAT(html.str(), Catch::Contains("deep-tissue"));
        CHECK_THAT(html.str(), !Catch::Contains("<script"));
    }
}
