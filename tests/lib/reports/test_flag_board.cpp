#include "../fixture.hpp"

#include <massagelog/demo/demo.hpp>
#include <massagelog/records/archive.hpp>
#include <massagelog/records/followups.hpp>
#include <massagelog/records/reactions.hpp>
#include <massagelog/reports/calls_due.hpp>
#include <massagelog/reports/flag_board.hpp>
#include <massagelog/rules/flags.hpp>
#include <massagelog/store/config.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <tuple>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

constexpr std::size_t k_all = std::numeric_limits<std::size_t>::max();

// What a list shows of a flag, and of a call.
using FlagRow = std::tuple<std::string, Level, std::int64_t, std::string, std::string, bool>;
using CallRow = std::tuple<DueReason, std::int64_t, std::optional<std::int64_t>, Instant, std::string>;

std::vector<FlagRow> rows(const std::vector<Flag>& flags)
{
    std::vector<FlagRow> out;
    for (const Flag& f : flags)
        out.emplace_back(f.rule, f.level, f.client_id, f.evidence_key, f.evidence, f.review.has_value());
    return out;
}

// Every reason of every call, a call's first, then the rest.
std::vector<CallRow> rows(const std::vector<CallToMake>& calls)
{
    std::vector<CallRow> out;
    for (const CallToMake& call : calls)
        for (const DueCall& c : call.reasons)
            out.emplace_back(c.reason, c.client_id, c.session_id, c.due_at, c.why);
    return out;
}

// A demo clinic whose board is read on one connection while the changes
// are written on another, as the command line writes beside the server.
struct BoardFixture : ClinicFixture {
    BoardFixture()
    {
        generate_demo(clinic(), {40, 600, std::nullopt, 3});
        other = std::make_unique<Clinic>(ClinicOptions{path(), "America/New_York", "desk",
                                                       OpenMode::read_write, fixed_now(),
                                                       app::cli_words()});
    }

    // The lists as the clinic's flags and due_followups give them now.
    std::vector<Flag> direct_flags(bool unreviewed_refer)
    {
        FlagQuery query;
        if (unreviewed_refer) {
            query.min_level = Level::refer;
            query.unreviewed_only = true;
        }
        std::vector<Flag> all = compute_flags(clinic(), query);
        std::stable_partition(all.begin(), all.end(),
                              [](const Flag& f) { return f.level == Level::refer && !f.review; });
        return all;
    }

    // The board agrees with computing everything again.
    void agrees()
    {
        auto every = board.flags(clinic(), FlagBoard::Which::every, 0, k_all);
        CHECK(every.count == every.flags.size());
        CHECK(rows(every.flags) == rows(direct_flags(false)));
        auto refer = board.flags(clinic(), FlagBoard::Which::unreviewed_refer, 0, k_all);
        CHECK(rows(refer.flags) == rows(direct_flags(true)));
        auto calls = board.calls(clinic(), 0, k_all);
        CHECK(calls.count == calls.calls.size());
        CHECK(rows(calls.calls) == rows(calls_to_make(due_followups(clinic(), std::nullopt))));
    }

    std::size_t unreviewed_refer_of(std::int64_t client)
    {
        auto refer = board.flags(clinic(), FlagBoard::Which::unreviewed_refer, 0, k_all);
        return static_cast<std::size_t>(std::count_if(
            refer.flags.begin(), refer.flags.end(), [&](const Flag& f) { return f.client_id == client; }));
    }

    // A client of the demo with no flag at all.
    std::int64_t quiet_client()
    {
        auto every = board.flags(clinic(), FlagBoard::Which::every, 0, k_all);
        for (std::int64_t id = 1;; ++id)
            if (std::none_of(every.flags.begin(), every.flags.end(),
                             [&](const Flag& f) { return f.client_id == id; }))
                return id;
    }

    FlagBoard board;
    std::unique_ptr<Clinic> other;
};

} // namespace

TEST_CASE_METHOD(BoardFixture, "flag board::built whole, it lists what computing the clinic lists",
                 "[flag_board]")
{
    agrees();
    auto page = board.flags(clinic(), FlagBoard::Which::every, 2, 5);
    auto all = direct_flags(false);
    REQUIRE(all.size() > 5);
    CHECK(page.count == all.size());
    CHECK(rows(page.flags) == rows(std::vector<Flag>(all.begin() + 2, all.begin() + 5)));
    CHECK(board.flags(clinic(), FlagBoard::Which::every, all.size() + 3, all.size() + 9).flags.empty());
}

TEST_CASE_METHOD(BoardFixture, "flag board::a change written on another connection shows at the next read",
                 "[flag_board]")
{
    agrees();
    const std::int64_t client = quiet_client();
    REQUIRE(unreviewed_refer_of(client) == 0);

    // Twitching with weakness after a session today: a refer flag and a call.
    SessionInput in = session_input(client, 1, fixed_now() - std::chrono::hours{30}, {"calf:left"});
    in.despite_flags_reason = "history for a board test";
    const std::int64_t session = add_session(*other, in).id;
    ReportInput report;
    report.session_id = session;
    report.onset_at = fixed_now() - std::chrono::hours{20};
    report.reported_at = fixed_now() - std::chrono::hours{19};
    report.region = parse_region_spec("calf:left", "--region", RegionExtras::side_only);
    report.severity = 3;
    report.still_present = Tri::yes;
    report.symptoms[Symptom::weakness] = Tri::yes;
    add_report(*other, report);
    CHECK(unreviewed_refer_of(client) > 0);
    agrees();

    SECTION("a review takes the flag off the unreviewed list")
    {
        auto refer = board.flags(clinic(), FlagBoard::Which::unreviewed_refer, 0, k_all);
        auto ours = std::find_if(refer.flags.begin(), refer.flags.end(),
                                 [&](const Flag& f) { return f.client_id == client; });
        REQUIRE(ours != refer.flags.end());
        review_flag(*other, ours->rule, client, ours->evidence_key, ReviewAction::referred, std::nullopt);
        CHECK(unreviewed_refer_of(client) == 0);
        agrees();
    }
    SECTION("archiving the client takes its flags and calls off the board")
    {
        archive_client(*other, client, std::string("moved away"));
        CHECK(unreviewed_refer_of(client) == 0);
        auto calls = board.calls(clinic(), 0, k_all).calls;
        CHECK(std::none_of(calls.begin(), calls.end(),
                           [&](const CallToMake& c) { return c.first().client_id == client; }));
        agrees();
    }
    SECTION("voiding the session takes the flag away")
    {
        void_session(*other, session, "entered for the wrong client", DespiteFlags::yes);
        CHECK(unreviewed_refer_of(client) == 0);
        agrees();
    }
}

TEST_CASE_METHOD(BoardFixture, "flag board::a logged call takes its check-in off", "[flag_board]")
{
    auto calls = board.calls(clinic(), 0, k_all).calls;
    std::optional<std::int64_t> session;
    for (const CallToMake& call : calls)
        for (const DueCall& c : call.reasons)
            if (c.reason == DueReason::check_in && call.reasons.size() == 1)
                session = c.session_id;
    REQUIRE(session);
    log_followup(*other, {*session, FollowupOutcome::no_reaction, fixed_now(), std::nullopt});
    auto after = board.calls(clinic(), 0, k_all);
    CHECK(after.count == calls.size() - 1);
    CHECK(std::none_of(after.calls.begin(), after.calls.end(),
                       [&](const CallToMake& c) { return c.first().session_id == session; }));
    agrees();
}

TEST_CASE_METHOD(BoardFixture, "flag board::a setting has it built again whole", "[flag_board]")
{
    const std::size_t before = board.flags(clinic(), FlagBoard::Which::every, 0, 0).count;
    // Reactions refer sooner: flags no client's own change would bring.
    set_setting(*other, "persist.watch_days", "1");
    set_setting(*other, "persist.refer_days", "2");
    CHECK(board.flags(clinic(), FlagBoard::Which::every, 0, 0).count != before);
    agrees();
}

TEST_CASE_METHOD(BoardFixture, "flag board::logins and exports leave it as it was",
                 "[flag_board]")
{
    agrees();
    CHECK(board.whole_builds() == 1);
    {
        SQLite::Transaction t(other->db());
        const auto none = nlohmann::json::object();
        other->audit({"export", "csv sessions", std::nullopt, std::nullopt, none});
        other->audit({"create", "login", std::nullopt, std::nullopt, none, "failed"});
        t.commit();
    }
    agrees();
    CHECK(board.whole_builds() == 1);
    // A client's change is folded in; a setting is built whole.
    archive_client(*other, quiet_client(), std::nullopt);
    agrees();
    CHECK(board.whole_builds() == 1);
    set_setting(*other, "followup.open_every_days", "1");
    agrees();
    CHECK(board.whole_builds() == 2);
}

TEST_CASE_METHOD(BoardFixture, "flag board::a build installed later is brought up to date",
                 "[flag_board]")
{
    CHECK(board.older_than(std::chrono::hours{1})); // never built
    FlagBoard::Built built = FlagBoard::build(clinic());
    // A change lands while it is built, before it is installed.
    archive_client(*other, 1, std::string("moved away"));
    board.install(std::move(built));
    CHECK_FALSE(board.older_than(std::chrono::hours{1}));
    CHECK(unreviewed_refer_of(1) == 0);
    agrees();
}
