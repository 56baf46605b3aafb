// What a review covers (the evidence it saw), bouts keyed apart for every
// per-episode rule, reports on side both, and reports of one instant that
// disagree.

#include "rules_fixture.hpp"

#include <massagelog/store/row_insert.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

// The fixture, entering each row at the time it says it happened.
class ReviewFixture : public RulesFixture {
public:
    // Enters a report as if on the telephone when it was told.
    std::int64_t told(std::int64_t session_id, ReportSpec spec)
    {
        if (spec.reported.empty())
            spec.reported = spec.onset;
        set_now(at(spec.reported));
        return report(session_id, spec);
    }
    void review(const std::string& when, const Flag& f, ReviewAction action,
                std::optional<std::string> note = "seen")
    {
        set_now(at(when));
        review_flag(clinic(), f.rule, f.client_id, f.evidence_key, action, note);
    }
    // The one flag of `rule` with `key` as of `as_of`; fails when absent.
    Flag one(const std::string& rule, const std::string& key, const std::string& as_of)
    {
        for (const Flag& f : flags(rule, as_of))
            if (f.evidence_key == key)
                return f;
        FAIL("no " << rule << " flag " << key << " as of " << as_of);
        return {};
    }
    std::vector<std::string> keys(const std::string& rule, const std::string& as_of)
    {
        std::vector<std::string> out;
        for (const Flag& f : flags(rule, as_of))
            out.push_back(f.evidence_key);
        std::sort(out.begin(), out.end());
        return out;
    }
};

const std::map<Symptom, Tri> k_weak = {{Symptom::weakness, Tri::yes}};

} // namespace

TEST_CASE_METHOD(ReviewFixture, "flags::review covers the evidence it saw", "[rules][reviews]")
{
    auto s = session("2026-03-10 10:00", {"shoulder:left"});
    told(s, {.onset = "2026-03-10 18:00", .reported = "2026-03-11 09:00",
             .region = "shoulder:left", .symptoms = k_weak});
    review("2026-03-13 10:00:00", one("weakness", "s1:shoulder:left", "2026-03-13 10:00"),
           ReviewAction::dismissed, "client says it was the gym");

    SECTION("a report told one second before the review is covered")
    {
        told(s, {.onset = "2026-03-10 18:00", .reported = "2026-03-13 09:59:59",
                 .region = "shoulder:left", .symptoms = k_weak});
        // Entered later than it was told: the reviewer could not have seen it.
        set_now(at("2026-03-13 09:59:59"));
        Flag f = one("weakness", "s1:shoulder:left", "2026-03-20 12:00");
        REQUIRE(f.review);
        CHECK(f.review->action == ReviewAction::dismissed);
        CHECK(f.earlier_reviews.empty());
    }
    SECTION("a report told at the review's very second is covered")
    {
        told(s, {.onset = "2026-03-10 18:00", .reported = "2026-03-13 10:00:00",
                 .region = "shoulder:left", .symptoms = k_weak});
        CHECK(one("weakness", "s1:shoulder:left", "2026-03-20 12:00").review);
    }
    SECTION("a report told one second after the review makes the flag unreviewed again")
    {
        told(s, {.onset = "2026-03-10 18:00", .reported = "2026-03-13 10:00:01",
                 .region = "shoulder:left", .symptoms = k_weak});
        Flag f = one("weakness", "s1:shoulder:left", "2026-03-20 12:00");
        CHECK_FALSE(f.review);
        REQUIRE(f.earlier_reviews.size() == 1); // shown as its history
        CHECK(f.earlier_reviews[0].action == ReviewAction::dismissed);
        CHECK(f.report_ids == std::vector<std::int64_t>{1, 2});
        // Listed by --unreviewed, and first among the refer flags.
        FlagQuery q;
        q.as_of = at("2026-03-20 12:00");
        q.unreviewed_only = true;
        auto unreviewed = compute_flags(clinic(), q);
        CHECK(std::any_of(unreviewed.begin(), unreviewed.end(),
                          [](const Flag& u) { return u.rule == "weakness"; }));
    }
    SECTION("a report told before the review but entered after it was not seen")
    {
        set_now(at("2026-03-14 09:00"));
        report(s, {.onset = "2026-03-10 18:00", .reported = "2026-03-12 09:00",
                   .region = "shoulder:left", .symptoms = k_weak});
        CHECK_FALSE(one("weakness", "s1:shoulder:left", "2026-03-20 12:00").review);
    }
    SECTION("a report that says nothing of weakness is no new evidence of it")
    {
        told(s, {.onset = "2026-03-10 18:00", .reported = "2026-03-18 09:00",
                 .region = "shoulder:left", .still_present = Tri::no});
        CHECK(one("weakness", "s1:shoulder:left", "2026-03-20 12:00").review);
    }
    SECTION("an imported review follows the same rule")
    {
        told(s, {.onset = "2026-03-10 18:00", .reported = "2026-03-20 09:00",
                 .region = "shoulder:left", .symptoms = k_weak});
        TableInsert<StoredReview>(db()).insert(
            {0, "weakness", client, "s1:shoulder:left",
             {at("2026-03-01 10:00"), "imported", ReviewAction::cleared, "from the old system"}});
        Flag f = one("weakness", "s1:shoulder:left", "2026-03-21 12:00");
        CHECK_FALSE(f.review);
        CHECK(f.earlier_reviews.size() == 2);
    }
}

TEST_CASE_METHOD(ReviewFixture, "flags::review of a worsening covers the rise it saw", "[rules][reviews]")
{
    auto s = session("2026-03-10 10:00", {"calf:left"});
    told(s, {.onset = "2026-03-10 18:00", .reported = "2026-03-11 09:00", .region = "calf:left",
             .severity = 2});
    told(s, {.onset = "2026-03-10 18:00", .reported = "2026-03-12 09:00", .region = "calf:left",
             .severity = 5});
    review("2026-03-12 10:00", one("worsening", "s1:calf:left", "2026-03-12 10:00"),
           ReviewAction::referred);
    CHECK(one("worsening", "s1:calf:left", "2026-03-13 10:00").review);
    told(s, {.onset = "2026-03-10 18:00", .reported = "2026-03-14 09:00", .region = "calf:left",
             .severity = 7});
    Flag f = one("worsening", "s1:calf:left", "2026-03-14 10:00");
    CHECK_FALSE(f.review);
    CHECK(f.evidence == "calf left: severity 2 in report 1 (2026-03-11 09:00) rose to 7 in report "
                        "3 (2026-03-14 09:00)");
}

TEST_CASE_METHOD(ReviewFixture, "flags::a persistent watch reviewed is unreviewed once it refers", "[rules][reviews]")
{
    auto s = session("2026-03-01 10:00", {"calf:left"});
    told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-02 09:00", .region = "calf:left"});
    review("2026-03-06 10:00", one("persistent", "s1:calf:left", "2026-03-06 10:00"),
           ReviewAction::acknowledged);
    CHECK(one("persistent", "s1:calf:left", "2026-03-15 18:00").review); // 14 d: still the watch
    Flag f = one("persistent", "s1:calf:left", "2026-03-15 18:01");
    CHECK(f.level == Level::refer);
    CHECK_FALSE(f.review);
}

TEST_CASE_METHOD(ReviewFixture, "flags::bout 2 after a review of bout 1, for every per-episode rule", "[rules][reviews]")
{
    // Bout 1 on the left shoulder after deep focal work, and in the
    // abdomen: every per-episode rule fires on it.
    auto s = session("2026-03-01 10:00", {"shoulder:left:5:focal", "abdomen"}, 4, "deep-tissue");
    const std::map<Symptom, Tri> weak_numb = {{Symptom::weakness, Tri::yes},
                                              {Symptom::numbness, Tri::yes}};
    told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-02 09:00",
             .region = "shoulder:left", .severity = 2, .symptoms = weak_numb});
    told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-03 09:00", .region = "shoulder:left",
             .severity = 4, .symptoms = k_weak});
    told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-02 09:00", .region = "abdomen",
             .kind = ReactionKind::spasm});
    for (const Flag& f : flags("", "2026-03-04 12:00"))
        review("2026-03-04 12:00", f, ReviewAction::cleared, "Dr Lee cleared her");
    // Bout 1 ends; the reaction comes back.
    for (const char* region : {"shoulder:left", "abdomen"})
        told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-05 09:00", .region = region,
                 .severity = 1, .still_present = Tri::no, .resolved = "2026-03-04 20:00"});
    told(s, {.onset = "2026-03-06 08:00", .reported = "2026-03-06 09:00", .region = "shoulder:left",
             .severity = 6, .symptoms = weak_numb});
    told(s, {.onset = "2026-03-06 08:00", .reported = "2026-03-06 09:00", .region = "abdomen",
             .kind = ReactionKind::spasm});

    const std::string as_of = "2026-03-10 12:00";
    for (const char* rule : {"weakness", "worsening", "nerve", "accompanied"}) {
        INFO(rule);
        CHECK(one(rule, "s1:shoulder:left", as_of).review);
        Flag again = one(rule, "s1:shoulder:left/bout2", as_of);
        CHECK_FALSE(again.review);
        CHECK(again.region == "shoulder");
        CHECK(again.side == Side::left);
    }
    CHECK(one("trunk", "s1:abdomen:midline", as_of).review);
    CHECK_FALSE(one("trunk", "s1:abdomen:midline/bout2", as_of).review);
    CHECK(keys("persistent", as_of) == std::vector<std::string>{"s1:abdomen:midline/bout2",
                                                               "s1:shoulder:left/bout2"});
}

TEST_CASE_METHOD(ReviewFixture, "flags::the accompanied watch gives way only to an unreviewed refer of the same bout", "[rules][reviews]")
{
    auto s = session("2026-03-01 10:00", {"calf:left"});
    told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-02 09:00", .region = "calf:left",
             .symptoms = {{Symptom::pain, Tri::yes}, {Symptom::weakness, Tri::yes}}});
    CHECK(flags("accompanied", "2026-03-02 12:00").empty());
    review("2026-03-02 12:00", one("weakness", "s1:calf:left", "2026-03-02 12:00"),
           ReviewAction::referred);
    auto watch = flags("accompanied", "2026-03-02 13:00");
    REQUIRE(watch.size() == 1);
    CHECK(watch[0].level == Level::watch);
}

TEST_CASE_METHOD(ReviewFixture, "history::a report on side both joins the left and right episodes", "[rules][history]")
{
    auto s = session("2026-03-01 10:00", {"calf:both"});
    SECTION("both alone is one episode on side both")
    {
        told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-02 09:00", .region = "calf:both",
                 .severity = 2});
        CHECK(keys("persistent", "2026-03-06 12:00") == std::vector<std::string>{"s1:calf:both"});
    }
    SECTION("both then left: left worsens from both's severity; right stays open on its own")
    {
        told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-02 09:00", .region = "calf:both",
                 .severity = 2});
        told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-03 09:00", .region = "calf:left",
                 .severity = 7, .still_present = Tri::no});
        auto w = flags("worsening", "2026-03-04 12:00");
        REQUIRE(w.size() == 1);
        CHECK(w[0].evidence_key == "s1:calf:left");
        CHECK(w[0].report_ids == std::vector<std::int64_t>{1, 2});
        // The left side was reported gone; nobody said so of the right.
        CHECK(keys("persistent", "2026-03-06 12:00") == std::vector<std::string>{"s1:calf:right"});
        CHECK(flags("spread", "2026-03-06 12:00").empty()); // one region
    }
}

TEST_CASE_METHOD(ReviewFixture, "history::reports of one instant that disagree leave the bout open", "[rules][history]")
{
    auto s = session("2026-03-01 10:00", {"calf:left"});
    told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-10 18:00", .region = "calf:left"});
    told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-10 18:00", .region = "calf:left",
             .still_present = Tri::no});
    auto f = flags("persistent", "2026-03-11 12:00");
    REQUIRE(f.size() == 1);
    CHECK(f[0].level == Level::watch);
    CHECK_THAT(f[0].evidence, Catch::Contains("reports 1 and 2 (2026-03-10 18:00) disagree on "
                                              "still present, so it is taken as present"));
    SECTION("a later report settles it")
    {
        told(s, {.onset = "2026-03-01 18:00", .reported = "2026-03-11 09:00", .region = "calf:left",
                 .still_present = Tri::no});
        CHECK(flags("persistent", "2026-03-11 12:00").empty());
    }
}
