// Import of what completes a clinic's history: settings, follow-up calls and
// flag reviews. Every bad row is named by its line and column, and a file
// with one bad row writes nothing.

#include "rules_fixture.hpp"

#include <massagelog/exchange/exchange.hpp>
#include <massagelog/records/followups.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

struct HistoryImport : RulesFixture {
    std::int64_t s = 0;
    HistoryImport() { s = session("2026-11-10 10:00", {"calf:left"}); }

    ImportResult import(Table table, const std::string& csv)
    {
        std::istringstream in(csv);
        return import_csv(clinic(), table, in, "test.csv", DryRun::no);
    }
};

} // namespace

TEST_CASE_METHOD(HistoryImport, "exchange::import followups", "[db][csv]")
{
    const std::string header = "id,session_id,client_id,contacted_at,contacted_by,outcome,notes\r\n";
    SECTION("a call is stored with its id and who made it")
    {
        import(Table::followups,
               header + "7,1,1,2026-11-11T09:00:00-05:00,Front Desk,no-answer,\"=rang twice\"\r\n");
        auto calls = client_followups(clinic(), client);
        REQUIRE(calls.size() == 1);
        CHECK(calls[0].id == 7);
        CHECK(calls[0].by == "Front Desk");
        CHECK(calls[0].notes == "=rang twice");
    }
    SECTION("every bad row is named, and nothing is written")
    {
        std::string csv = header + "1,1,1,2026-11-11T09:00:00-05:00,Desk,no-answer,\r\n" +
                          "2,9,1,2026-11-11T09:00:00-05:00,Desk,no-answer,\r\n" +
                          "3,1,2,2026-11-11T09:00:00-05:00,Desk,no-answer,\r\n" +
                          "4,1,1,2026-11-09T09:00:00-05:00,Desk,no-answer,\r\n" +
                          "5,1,1,2027-11-11T09:00:00-05:00,Desk,maybe,\r\n";
        auto before = snapshot();
        try {
            import(Table::followups, csv);
            FAIL("a file with bad rows was imported");
        } catch (const InputError& e) {
            std::string what = e.what();
            CHECK_THAT(what, Catch::Contains("line 3, column session_id: value 9: no such session"));
            CHECK_THAT(what, Catch::Contains("line 4, column client_id: value 2: session 1 is client 1's"));
            CHECK_THAT(what, Catch::Contains("line 5, column contacted_at: value 2026-11-09 09:00 is "
                                             "before session 1 started"));
            CHECK_THAT(what, Catch::Contains("line 6, column contacted_at: value 2027-11-11 09:00 is in "
                                             "the future"));
        }
        CHECK(snapshot() == before);
    }
}

TEST_CASE_METHOD(HistoryImport, "exchange::import flag_reviews and settings", "[db][csv]")
{
    const std::string header = "id,rule,client_id,evidence_key,reviewed_at,reviewed_by,action,note\r\n";
    SECTION("reviews are kept whole, even of a flag that no longer stands")
    {
        import(Table::flag_reviews,
               header + "4,persistent,1,s9:calf:left,2026-11-12T09:00:00-05:00,Dr Lee,dismissed,\r\n");
        CHECK(db().execAndGet("SELECT reviewed_by || ' ' || action FROM flag_reviews WHERE id = 4")
                  .getString() == "Dr Lee dismissed");
    }
    SECTION("an unknown rule or client, or a bad action, is refused")
    {
        refused([&] {
            import(Table::flag_reviews,
                   header + "1,gut-feeling,1,s1:calf:left,2026-11-12T09:00:00-05:00,Dr Lee,referred,\r\n" +
                       "2,persistent,8,s1:calf:left,2026-11-12T09:00:00-05:00,Dr Lee,referred,\r\n" +
                       "3,persistent,1,s1:calf:left,2026-11-12T09:00:00-05:00,Dr Lee,ignored,\r\n");
        }, "line 2, column rule: value 'gut-feeling' is not a rule");
    }
    SECTION("settings are checked as config set checks them, the pair on the whole file")
    {
        import(Table::settings, "key,value\r\npersist.watch_days,5\r\nclinic.timezone,Europe/Berlin\r\n");
        CHECK(get_setting(db(), "persist.watch_days") == "5");
        CHECK(get_setting(db(), "clinic.timezone") == "Europe/Berlin");
        refused([&] { import(Table::settings, "key,value\r\npersist.watch_days,20\r\n"); },
                "persist.watch_days (20) must be less than persist.refer_days (14)");
        refused([&] { import(Table::settings, "key,value\r\nno.such,1\r\n"); },
                "line 2, column key: value: setting 'no.such' does not exist");
    }
}
