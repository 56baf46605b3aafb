#include "rules_fixture.hpp"

#include <massagelog/records/archive.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/records/sessions.hpp>
#include <massagelog/rules/articles.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

using namespace massagelog;
using namespace massagelog::testing;

TEST_CASE_METHOD(RulesFixture, "flags::engine", "[flags]")
{
    set_setting(clinic(), "recur.count", "5"); // three sessions with reactions are not the point here
    auto s1 = session("2026-11-10 10:00", {"calf"});
    report(s1, {.onset = "2026-11-10 18:00", .reported = "2026-11-11 09:00", .region = "calf",
                .still_present = Tri::no, .symptoms = {{Symptom::pain, Tri::yes}}});
    auto s2 = session("2026-11-12 10:00", {"foot"});
    report(s2, {.onset = "2026-11-12 18:00", .reported = "2026-11-13 09:00", .region = "foot",
                .still_present = Tri::no, .symptoms = {{Symptom::weakness, Tri::yes}}});
    auto s3 = session("2026-11-13 10:00", {"hand"});
    report(s3, {.onset = "2026-11-13 18:00", .reported = "2026-11-14 09:00", .region = "hand",
                .still_present = Tri::no, .symptoms = {{Symptom::fatigue, Tri::yes}}});

    SECTION("sorted by level, then most recent first")
    {
        auto f = flags("", "2026-11-15 12:00");
        REQUIRE(f.size() == 3);
        CHECK(f[0].rule == "weakness");
        CHECK(f[1].evidence_key == "s3:hand:both");
        CHECK(f[2].evidence_key == "s1:calf:both");
    }
    SECTION("sources name the articles by title, never by file name")
    {
        for (const Flag& f : flags("", "2026-11-15 12:00")) {
            CHECK_THAT(std::string(f.source), !Catch::Contains(".txt"));
            CHECK_THAT(std::string(f.source), Catch::Contains("\u201c"));
        }
        CHECK(cite("001_a411700d9baee785.txt: x; 001_a411700d9baee785.txt") ==
              "\u201cMuscle Twitch After Massage: Causes, Effects, and FAQs\u201d: x; "
              "\u201cMuscle Twitch After Massage: Causes, Effects, and FAQs\u201d");
        CHECK(cite("NHS") == "NHS");
    }
    SECTION("the same answer on every run")
    {
        auto a = flags("", "2026-11-15 12:00");
        auto b = flags("", "2026-11-15 12:00");
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            CHECK(a[i].evidence == b[i].evidence);
    }
    SECTION("flags sorted in runs on disk and merged come out as sorted in memory")
    {
        review_flag(clinic(), "weakness", client, "s2:foot:both", ReviewAction::acknowledged, {});
        review_flag(clinic(), "weakness", client, "s2:foot:both", ReviewAction::referred,
                    std::string("Sent to Dr. Ruiz"));
        FlagQuery q;
        q.as_of = at("2026-11-21 15:00");
        auto describe = [](const Flag& f) {
            return fmt::format("{} {} {} {} {} {} {} {} {}", f.rule, to_string(f.level),
                               f.client_id, f.client_name, f.evidence_key, f.evidence, f.guidance,
                               f.source, f.at.time_since_epoch().count()) +
                   (f.review ? fmt::format(" {} {} {}", f.review->by, to_string(f.review->action),
                                           f.review->note.value_or("-"))
                             : "") +
                   fmt::format(" earlier {}", f.earlier_reviews.size()) +
                   fmt::format(" r{} s{}", fmt::join(f.report_ids, ","),
                               fmt::join(f.session_ids, ","));
        };
        std::vector<std::string> in_memory;
        for (const auto& f : compute_flags(clinic(), q))
            in_memory.push_back(describe(f));
        REQUIRE(in_memory.size() >= 3);
        for (std::size_t run : {1, 2}) {
            q.sort_run = run;
            std::vector<std::string> merged;
            each_flag(clinic(), q, [&](const Flag& f) { merged.push_back(describe(f)); });
            CHECK(merged == in_memory);
        }
    }
    SECTION("a review stays visible with the flag, and --unreviewed hides it")
    {
        review_flag(clinic(), "weakness", client, "s2:foot:both", ReviewAction::referred,
                    std::string("Sent to Dr. Ruiz"));
        auto f = flags("weakness", "2026-11-21 15:00");
        REQUIRE(f.size() == 1);
        REQUIRE(f[0].review);
        CHECK(f[0].review->action == ReviewAction::referred);
        CHECK(f[0].review->by == "tester");
        CHECK(f[0].review->note == "Sent to Dr. Ruiz");
        FlagQuery unreviewed;
        unreviewed.unreviewed_only = true;
        unreviewed.as_of = at("2026-11-21 15:00");
        for (const auto& x : compute_flags(clinic(), unreviewed))
            CHECK(x.rule != "weakness");
        // Asked as of a time before the review, the flag was unreviewed.
        CHECK_FALSE(flags("weakness", "2026-11-16 12:00")[0].review);
        CHECK(db().execAndGet("SELECT action || ' ' || entity FROM audit_log ORDER BY id DESC LIMIT 1")
                  .getString() == "review flag");
    }
    SECTION("a second review does not hide the first: the flag keeps its history")
    {
        review_flag(clinic(), "weakness", client, "s2:foot:both", ReviewAction::acknowledged,
                    std::string("Called, will see her GP"));
        review_flag(clinic(), "weakness", client, "s2:foot:both", ReviewAction::referred,
                    std::string("Sent to Dr. Ruiz"));
        auto f = flags("weakness", "2026-11-21 15:00");
        REQUIRE(f.size() == 1);
        REQUIRE(f[0].review);
        CHECK(f[0].review->note == "Sent to Dr. Ruiz");
        REQUIRE(f[0].earlier_reviews.size() == 1);
        CHECK(f[0].earlier_reviews[0].action == ReviewAction::acknowledged);
        CHECK(describe_review(f[0].earlier_reviews[0], clinic().clock()) ==
              "acknowledged by tester on 2026-11-21 10:00: Called, will see her GP");
    }
    SECTION("reviewing a flag that does not stand is refused and writes nothing")
    {
        auto before = snapshot();
        CHECK_THROWS_AS(review_flag(clinic(), "weakness", client, "s9:foot:both",
                                    ReviewAction::acknowledged, std::nullopt),
                        InputError);
        CHECK_THROWS_AS(review_flag(clinic(), "sparkle", client, "s2:foot:both",
                                    ReviewAction::acknowledged, std::nullopt),
                        InputError);
        CHECK_THROWS_AS(review_flag(clinic(), "weakness", 99, "s2:foot:both",
                                    ReviewAction::acknowledged, std::nullopt),
                        InputError);
        CHECK(snapshot() == before);
    }
    SECTION("level filter and one client")
    {
        FlagQuery q;
        q.as_of = at("2026-11-15 12:00");
        q.min_level = Level::refer;
        CHECK(compute_flags(clinic(), q).size() == 1);
        auto other = add_client(clinic(), {"Other", {}, {}, {}, {}});
        q.min_level = Level::info;
        q.client_id = other;
        CHECK(compute_flags(clinic(), q).empty());
    }
    SECTION("the whole clinic and one client agree; voided sessions count in neither")
    {
        // A second client whose session ids fall between the first one's, so
        // that the whole clinic's read walks both clients' sessions in step.
        auto first = client;
        client = add_client(clinic(), {"Bo Lind", {}, {}, {}, {}});
        auto s4 = session("2026-11-12 11:00", {"hand"});
        report(s4, {.onset = "2026-11-12 18:00",
                    .reported = "2026-11-13 09:00",
                    .region = "hand",
                    .still_present = Tri::no,
                    .symptoms = {{Symptom::weakness, Tri::yes}}});
        auto s5 = session("2026-11-12 12:00", {"calf"});
        report(s5, {.onset = "2026-11-12 18:00",
                    .reported = "2026-11-13 09:00",
                    .region = "calf",
                    .still_present = Tri::no,
                    .symptoms = {{Symptom::weakness, Tri::yes}}});
        void_session(clinic(), s5, "entered for the wrong client", DespiteFlags::yes);
        auto second = client;
        client = first;
        auto s6 = session("2026-11-14 10:00", {"foot"});
        report(s6, {.onset = "2026-11-14 18:00",
                    .reported = "2026-11-14 20:00",
                    .region = "foot",
                    .still_present = Tri::no,
                    .symptoms = {{Symptom::weakness, Tri::yes}}});

        auto whole = flags("", "2026-11-15 12:00");
        for (auto id : {first, second}) {
            FlagQuery one;
            one.as_of = at("2026-11-15 12:00");
            one.client_id = id;
            std::vector<std::string> alone, within;
            for (const auto& f : compute_flags(clinic(), one))
                alone.push_back(f.rule + " " + f.evidence_key);
            for (const auto& f : whole)
                if (f.client_id == id)
                    within.push_back(f.rule + " " + f.evidence_key);
            CHECK(alone == within);
        }
        std::vector<std::string> seconds;
        for (const auto& f : whole)
            if (f.client_id == second)
                seconds.push_back(f.rule + " " + f.evidence_key);
        CHECK(seconds ==
              std::vector<std::string>{"weakness s" + std::to_string(s4) + ":hand:both"});
        // Nothing recorded after the time asked about counts.
        for (const auto& f : flags("", "2026-11-14 09:00"))
            CHECK(f.evidence_key.find("s" + std::to_string(s6) + ":") == std::string::npos);
    }
    SECTION("archived clients are not flagged")
    {
        archive_client(clinic(), client, "moved abroad; GP informed by letter");
        CHECK(flags("", "2026-11-15 12:00").empty());
    }
}
