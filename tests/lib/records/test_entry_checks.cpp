#include "rules_fixture.hpp"

#include <massagelog/records/archive.hpp>
#include <massagelog/core/catalog.hpp>
#include <massagelog/records/entry_checks.hpp>
#include <massagelog/records/followups.hpp>
#include <massagelog/store/row_digests.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

// Now is 2026-11-21 10:00 in New York (fixed_now()).
struct Entry : RulesFixture {
    SessionInput session_at(Instant t, std::vector<std::string> regions = {"calf:left"})
    {
        return session_input(client, therapist, t, regions);
    }
    ReportInput report_on(std::int64_t session_id, const std::string& region = "calf:left")
    {
        ReportInput in;
        in.session_id = session_id;
        in.onset_at = at("2026-11-21 09:00");
        in.region = parse_region_spec(region, "--region", RegionExtras::side_only);
        in.severity = 3;
        return in;
    }
};

const auto k_15 = std::chrono::minutes{15};
const auto k_16 = std::chrono::minutes{16};

} // namespace

TEST_CASE_METHOD(Entry, "entry_checks::future", "[db]")
{
    Instant now = fixed_now();
    SECTION("a session 15 minutes ahead is accepted, 16 refused")
    {
        CHECK(add_session(clinic(), session_at(now + k_15)).id > 0);
        refused([&] { add_session(clinic(), session_at(now + k_16)); },
                "--at 2026-11-21 10:16 is in the future (now is 2026-11-21 10:00)");
    }
    SECTION("report, onset and resolution times: 15 minutes ahead accepted, 16 refused")
    {
        auto s = add_session(clinic(), session_at(at("2026-11-21 08:00"))).id;
        auto in = report_on(s);
        in.reported_at = now + k_15;
        CHECK(add_report(clinic(), in) > 0);
        in.reported_at = now + k_16;
        refused([&] { add_report(clinic(), in); }, "--reported-at 2026-11-21 10:16 is in the future");
        in = report_on(s);
        in.reported_at = now + k_16;
        in.onset_at = now + k_16;
        refused([&] { add_report(clinic(), in); }, "--reported-at 2026-11-21 10:16 is in the future");
        in = report_on(s);
        in.onset_at = now + k_16;
        refused([&] { add_report(clinic(), in); }, "--onset 2026-11-21 10:16 is in the future");
        in = report_on(s);
        in.resolved_at = now + k_16;
        refused([&] { add_report(clinic(), in); }, "--resolved-at 2026-11-21 10:16 is in the future");
        in.resolved_at = now + k_15;
        in.reported_at = now + k_15;
        CHECK(add_report(clinic(), in) > 0);
    }
    SECTION("a call 15 minutes ahead is accepted, 16 refused")
    {
        auto s = add_session(clinic(), session_at(at("2026-11-21 08:00"))).id;
        refused([&] { log_followup(clinic(), {s, FollowupOutcome::no_answer, now + k_16, {}}); },
                "--at 2026-11-21 10:16 is in the future");
        CHECK(log_followup(clinic(), {s, FollowupOutcome::no_answer, now + k_15, {}}) > 0);
    }
    SECTION("the slack is the setting entry.future_minutes")
    {
        set_setting(clinic(), "entry.future_minutes", "0");
        refused([&] { add_session(clinic(), session_at(now + std::chrono::seconds{1})); },
                "--at 2026-11-21 10:00 is in the future");
        CHECK(add_session(clinic(), session_at(now)).id > 0);
    }
}

TEST_CASE_METHOD(Entry, "entry_checks::sides", "[db]")
{
    Catalog catalog(db());
    auto s = add_session(clinic(), session_at(at("2026-11-20 08:00"))).id;
    int accepted = 0;
    for (const Region& region : catalog.regions()) {
        for (auto [side, side_name] : EnumNames<Side>::list) {
            std::string spec = region.name + ":" + std::string(side_name);
            bool fits = region.paired ? side != Side::midline : side == Side::midline;
            CHECK(side_fits(region, side) == fits);
            INFO(spec);
            if (fits) {
                CHECK(add_session(clinic(), session_at(at("2026-11-20 09:00"), {spec})).id > 0);
                CHECK(add_report(clinic(), report_on(s, spec)) > 0);
                ++accepted;
            } else {
                std::string needle = "--region " + spec + ": the " + region.name + " takes " +
                                     (region.paired ? "left, right or both" : "midline") + " only";
                refused([&] { add_session(clinic(), session_at(at("2026-11-20 09:00"), {spec})); },
                        needle);
                refused([&] { add_report(clinic(), report_on(s, spec)); }, needle);
            }
        }
    }
    // 11 paired regions x 3 sides + 7 unpaired x midline.
    CHECK(accepted == 11 * 3 + 7);
    SECTION("a side left out takes the region's default, which fits")
    {
        CHECK(add_session(clinic(), session_at(at("2026-11-20 09:00"), {"calf", "head"})).id > 0);
        CHECK(add_report(clinic(), report_on(s, "neck")) > 0);
    }
}

TEST_CASE_METHOD(Entry, "archive::refer_flags", "[db]")
{
    auto s = add_session(clinic(), session_at(at("2026-11-19 10:00"), {"shoulder:left:5"})).id;
    auto in = report_on(s, "shoulder:left");
    in.symptoms[Symptom::weakness] = Tri::yes;
    add_report(clinic(), in);
    SECTION("refused while unreviewed refer flags stand, naming them")
    {
        refused([&] { archive_client(clinic(), client); },
                "client 1 has 2 unreviewed refer flags: nerve [s1:shoulder:left] (");
        refused([&] { archive_client(clinic(), client); }, "; weakness [s1:shoulder:left] (");
    }
    SECTION("archived despite them, with the reason and the flags in the audit row")
    {
        archive_client(clinic(), client, "moved abroad; GP informed by letter");
        auto detail = db().execAndGet("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1").getString();
        CHECK_THAT(detail, Catch::Contains("\"despite_flags\":[{\"evidence_key\":\"s1:shoulder:left\",\"rule\":\"nerve\"},"
                                       "{\"evidence_key\":\"s1:shoulder:left\",\"rule\":\"weakness\"}]"));
        CHECK_THAT(detail, Catch::Contains("\"reason\":\"moved abroad; GP informed by letter\""));
    }
    SECTION("once they are reviewed, archiving needs no reason")
    {
        review_flag(clinic(), "nerve", client, "s1:shoulder:left", ReviewAction::referred, {});
        refused([&] { archive_client(clinic(), client); }, "has 1 unreviewed refer flag: weakness");
        review_flag(clinic(), "weakness", client, "s1:shoulder:left", ReviewAction::referred, {});
        archive_client(clinic(), client);
        auto detail = nlohmann::json::parse(
            db().execAndGet("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1").getString());
        CHECK(detail["fields"] == nlohmann::json::parse(R"(["archived_at"])"));
        CHECK_FALSE(detail.contains("reason"));
        CHECK(detail["digest"] == row_digest(db(), DigestTable::clients, client));
    }
}
