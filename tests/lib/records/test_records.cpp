#include "fixture.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/archive.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/records/reactions.hpp>
#include <massagelog/records/sessions.hpp>
#include <massagelog/store/settings.hpp>
#include <massagelog/store/config.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

struct Seeded : ClinicFixture {
    std::int64_t therapist = 0, client = 0, session = 0;
    Seeded()
    {
        therapist = add_therapist(clinic(), {"Rosa Larsen", "LMT-1"});
        client = add_client(clinic(), {"Ana Souza", "+1 555 0101", "ana@example.org", "1988-04-12", std::nullopt});
        session = add_session(clinic(), session_input()).id;
    }
    SessionInput session_input()
    {
        return testing::session_input(client, therapist, from_utc_text("2026-11-20T15:00:00Z"),
                                      {"neck:midline:4:focal", "shoulder"}, 4, "deep-tissue");
    }
    ReportInput report_input()
    {
        ReportInput in;
        in.session_id = session;
        in.onset_at = from_utc_text("2026-11-20T20:00:00Z");
        in.region = parse_region_spec("shoulder:left", "--region", RegionExtras::side_only);
        in.severity = 4;
        in.symptoms[Symptom::weakness] = Tri::yes;
        in.symptoms[Symptom::pain] = Tri::no;
        return in;
    }
};

} // namespace

TEST_CASE_METHOD(Seeded, "records::sessions", "[db][records]")
{
    SECTION("a session keeps its regions with defaults filled in")
    {
        auto s = find_session(clinic(), session);
        REQUIRE(s);
        CHECK(s->client_name == "Ana Souza");
        CHECK(s->technique == "deep-tissue");
        REQUIRE(s->regions.size() == 2);
        CHECK(to_string(s->regions[0]) == "neck:midline:4:focal");
        CHECK(to_string(s->regions[1]) == "shoulder:both:4");
        CHECK(s->created_by == "tester");
    }
    SECTION("each change writes its audit row")
    {
        auto row = db().execAndGet("SELECT action || ' ' || entity || ' ' || entity_id || ' ' || client_id "
                                   "FROM audit_log ORDER BY id DESC LIMIT 1").getString();
        CHECK(row == "create session 1 1");
    }
    SECTION("bad sessions are refused and write nothing")
    {
        refused([&] { auto in = session_input(); in.client_id = 99; add_session(clinic(), in); },
                "--client 99: no such client");
        refused([&] { auto in = session_input(); in.therapist_id = 42; add_session(clinic(), in); },
                "--therapist 42: no such therapist");
        refused([&] { auto in = session_input(); in.technique = "reiki"; add_session(clinic(), in); },
                "--technique 'reiki' is not a known technique");
        refused([&] {
            auto in = session_input();
            in.regions.push_back({"elbow", {}, {}, false});
            add_session(clinic(), in);
        }, "--region 'elbow' is not a known region");
        refused([&] {
            auto in = session_input();
            in.regions.push_back(parse_region_spec("neck", "--region", RegionExtras::side_pressure_focal));
            add_session(clinic(), in);
        }, "--region neck:midline is given twice");
        refused([&] { auto in = session_input(); in.pressure = 7; add_session(clinic(), in); }, "--pressure '7'");
        refused([&] { auto in = session_input(); in.duration_min = 600; add_session(clinic(), in); }, "--duration");
        refused([&] { auto in = session_input(); in.notes = std::string("a\0b", 3); add_session(clinic(), in); },
                "NUL byte");
    }
    SECTION("a 1 MB note is stored verbatim")
    {
        auto in = session_input();
        in.notes = std::string(1'000'000, 'n');
        auto id = add_session(clinic(), in).id;
        CHECK(find_session(clinic(), id)->notes->size() == 1'000'000);
    }
    SECTION("void keeps the session, once")
    {
        void_session(clinic(), session, "entered twice");
        auto s = find_session(clinic(), session);
        CHECK(s->voided_at.has_value());
        CHECK(s->void_reason == "entered twice");
        refused([&] { void_session(clinic(), session, "again"); }, "voided already");
        refused([&] { void_session(clinic(), 404, "x"); }, "no such session");
    }
    SECTION("archived clients take no new sessions")
    {
        archive_client(clinic(), client);
        refused([&] { add_session(clinic(), session_input()); }, "is archived");
        refused([&] { archive_client(clinic(), client); }, "archived already");
    }
    SECTION("filters")
    {
        int n = 0;
        each_session(clinic(), SessionFilter{client, {}, from_utc_text("2026-11-20T00:00:00Z"), {}, true},
                     [&](const Session&) { ++n; });
        CHECK(n == 1);
        n = 0;
        each_session(clinic(), SessionFilter{client, {}, {}, from_utc_text("2026-11-20T15:00:00Z"), true},
                     [&](const Session&) { ++n; });
        CHECK(n == 0);
    }
}

TEST_CASE_METHOD(Seeded, "records::reports", "[db][records]")
{
    SECTION("symptoms keep all three states")
    {
        add_report(clinic(), report_input());
        std::vector<Report> got;
        each_report(clinic(), {}, [&](const Report& r) { got.push_back(r); });
        REQUIRE(got.size() == 1);
        CHECK(got[0].symptoms[Symptom::weakness] == Tri::yes);
        CHECK(got[0].symptoms[Symptom::pain] == Tri::no);
        CHECK(got[0].symptoms[Symptom::numbness] == Tri::unknown);
        CHECK(db().execAndGet("SELECT numbness IS NULL FROM reports").getInt() == 1);
        CHECK(got[0].reported_at == fixed_now());
        CHECK(got[0].side == Side::left);
    }
    SECTION("bad reports are refused and write nothing")
    {
        refused([&] { auto in = report_input(); in.session_id = 9; add_report(clinic(), in); }, "--session 9: no such session");
        refused([&] { auto in = report_input(); in.severity = 0; add_report(clinic(), in); }, "--severity '0' is not 1-10");
        refused([&] { auto in = report_input(); in.onset_at = from_utc_text("2026-11-19T10:00:00Z"); add_report(clinic(), in); },
                "is before session 1 started");
        // Ten minutes ahead is within entry.future_minutes, but after the report (made now).
        refused([&] { auto in = report_input(); in.onset_at = from_utc_text("2026-11-21T15:10:00Z"); add_report(clinic(), in); },
                "is after the report");
        refused([&] {
            auto in = report_input();
            in.still_present = Tri::yes;
            in.resolved_at = from_utc_text("2026-11-21T10:00:00Z");
            add_report(clinic(), in);
        }, "contradicts --resolved-at");
        refused([&] { auto in = report_input(); in.resolved_at = from_utc_text("2026-11-20T19:00:00Z"); add_report(clinic(), in); },
                "is before the onset");
        refused([&] { auto in = report_input(); in.region = {"elbow", {}, {}, false}; add_report(clinic(), in); },
                "'elbow' is not a known region");
        void_session(clinic(), session, "wrong client");
        refused([&] { add_report(clinic(), report_input()); }, "the session is voided");
    }
    SECTION("open episodes: closed by a report that says the reaction is gone")
    {
        add_report(clinic(), report_input());
        auto count_open = [&] {
            int n = 0;
            each_report(clinic(), ReportFilter{client, true}, [&](const Report&) { ++n; });
            return n;
        };
        CHECK(count_open() == 1);
        auto later = report_input();
        later.still_present = Tri::no;
        add_report(clinic(), later);
        CHECK(count_open() == 0);
    }
    SECTION("reports of voided sessions are not listed")
    {
        add_report(clinic(), report_input());
        void_session(clinic(), session, "wrong client", DespiteFlags::yes);
        int n = 0;
        each_report(clinic(), {}, [&](const Report&) { ++n; });
        CHECK(n == 0);
    }
}

TEST_CASE_METHOD(Seeded, "records::clients", "[db][records]")
{
    refused([&] { add_client(clinic(), {"", {}, {}, {}, {}}); }, "--name is empty");
    refused([&] { add_client(clinic(), {"B", {}, "not-an-email", {}, {}}); }, "is not an e-mail address");
    refused([&] { add_client(clinic(), {"B", {}, {}, "2030-01-01", {}}); }, "is in the future");
    refused([&] { add_client(clinic(), {"B", {}, {}, "1990-02-30", {}}); }, "is not a calendar date");
    refused([&] { add_client(clinic(), {"Bad\xff", {}, {}, {}, {}}); }, "not valid UTF-8");

    add_client(clinic(), {"Zoë 100% O'Brien", {}, {}, {}, {}});
    std::vector<std::string> names;
    each_client(clinic(), "100%", IncludeArchived::no, [&](const Client& c) { names.push_back(c.name); });
    CHECK(names == std::vector<std::string>{"Zoë 100% O'Brien"});
    names.clear();
    each_client(clinic(), "%", IncludeArchived::no, [&](const Client& c) { names.push_back(c.name); });
    CHECK(names.size() == 1);

    // A phone is found by its digits, whatever marks either side writes
    // ("5550101" finds Ana Souza's "+1 555 0101" too).
    add_client(clinic(), {"Ana Phone", std::string("+49 (30) 777-0303"), {}, {}, {}});
    for (const char* typed : {"7770303", "777 0303", "+49307770303", "30 777", "(30)777"}) {
        names.clear();
        each_client(clinic(), typed, IncludeArchived::no,
                    [&](const Client& c) { names.push_back(c.name); });
        CHECK(names == std::vector<std::string>{"Ana Phone"});
    }
    for (const char* typed : {"7770304", "777x0303", "+1 777"}) {
        names.clear();
        each_client(clinic(), typed, IncludeArchived::no,
                    [&](const Client& c) { names.push_back(c.name); });
        CHECK(names.empty());
    }

    archive_client(clinic(), client);
    names.clear();
    each_client(clinic(), "", IncludeArchived::no, [&](const Client& c) { names.push_back(c.name); });
    CHECK(names == std::vector<std::string>{"Ana Phone", "Zoë 100% O'Brien"});
    names.clear();
    each_client(clinic(), "", IncludeArchived::yes, [&](const Client& c) { names.push_back(c.name); });
    CHECK(names.size() == 3);
    auto detail = nlohmann::json::parse(
        db().execAndGet("SELECT detail FROM audit_log WHERE entity = 'client' AND action = 'create' LIMIT 1")
            .getString());
    // Which fields were given, never their values (and the row's digest).
    CHECK(detail["fields"] == nlohmann::json::parse(R"(["name","phone","email","birth_date"])"));
    CHECK(detail.size() == 2);
    CHECK(detail["digest"].get<std::string>().size() == 64);
}

TEST_CASE_METHOD(Seeded, "records::settings", "[db][settings]")
{
    CHECK(get_setting(db(), "persist.watch_days") == "3");
    set_setting(clinic(), "persist.watch_days", "5");
    CHECK(get_int_setting(db(), "persist.watch_days") == 5);
    set_setting(clinic(), "followup.days", "7, 1,3");
    CHECK(get_setting(db(), "followup.days") == "1,3,7");
    CHECK(get_int_list_setting(db(), "followup.days") == std::vector<int>{1, 3, 7});
    refused([&] { set_setting(clinic(), "persist.watch_days", "20"); }, "must be less than persist.refer_days");
    refused([&] { set_setting(clinic(), "persist.watch_days", "zero"); }, "is not a whole number");
    refused([&] { set_setting(clinic(), "clinic.timezone", "Mars/Base"); }, "is not a time zone");
    // EST is in the tz database but has no daylight saving: New York's summer
    // would show an hour off.
    refused([&] { set_setting(clinic(), "clinic.timezone", "EST"); }, "is not a place's time zone");
    set_setting(clinic(), "clinic.timezone", "UTC");
    CHECK(get_setting(db(), "clinic.timezone") == "Etc/UTC");
    CHECK(get_setting(db(), "clinic.name").empty());
    set_setting(clinic(), "clinic.name", "Riverside Massage");
    CHECK(get_setting(db(), "clinic.name") == "Riverside Massage");
    refused([&] { set_setting(clinic(), "clinic.name", "Two\nlines"); }, "value for clinic.name");
    refused([&] { set_setting(clinic(), "followup.days", "1,1"); }, "names a day twice");
    refused([&] { set_setting(clinic(), "no.such", "1"); }, "setting 'no.such' does not exist");
}
