// Session imports write in batches of SessionWriter::k_batch rows; these
// files are long enough for full batches, so a refused row inside one is
// named by its own line, in line order with the rows refused before it.

#include "fixture.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/exchange/exchange.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/records/sessions.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <sstream>

using namespace massagelog;
using namespace massagelog::testing;

namespace
{

constexpr int k_rows = 200; // three full batches and a short one

struct ImportFixture : ClinicFixture {
    std::int64_t therapist = 0, client = 0;
    ImportFixture()
    {
        therapist = add_therapist(clinic(), {"Rosa Larsen", "LMT-1"});
        client = add_client(clinic(), {"Ana Souza", {}, {}, {}, {}});
    }

    // Row `n` (1-based) of the file is on line n + 1; its id is n. Every
    // third session works three regions, the others two, so the regions of
    // a batch fill whole region statements and leave some over.
    std::string line(int n, const std::string& id, const std::string& pressure = "2") const
    {
        std::string regions = n % 3 == 0 ? "calf:left:2 neck:midline:4:focal shoulder:right:3"
                                         : "calf:left:2 neck:midline:4:focal";
        return fmt::format(
            "{},2026-11-{:02}T10:00:00-05:00,{},Ana Souza,{},Rosa Larsen,60,swedish,{},"
            "{},,demo,2026-11-20T10:00:00-05:00,,\r\n",
            id, 1 + n % 19, client, therapist, pressure, regions);
    }

    std::string file(const std::map<int, std::string>& ids = {},
                     const std::map<int, std::string>& pressures = {}) const
    {
        std::string out = "id,started_at,client_id,client,therapist_id,therapist,duration_min,"
                          "technique,pressure,regions,notes,created_by,created_at,voided_at,"
                          "void_reason\r\n";
        for (int n = 1; n <= k_rows; ++n) {
            auto id = ids.count(n) ? ids.at(n) : std::to_string(n);
            auto pressure = pressures.count(n) ? pressures.at(n) : "2";
            out += line(n, id, pressure);
        }
        return out;
    }

    // `bulk`: as for a file far larger than the table, which builds the
    // indexes again at the end and writes on a second thread.
    bool bulk = false;
    ImportResult import(const std::string& text)
    {
        std::istringstream in(text);
        std::optional<long long> size;
        if (bulk)
            size = 1'000'000'000;
        return import_csv(clinic(), Table::sessions, in, "sessions.csv", DryRun::no, {}, size);
    }

    std::string refusal(const std::string& text)
    {
        try {
            import(text);
        } catch (const InputError& e) {
            return e.what();
        }
        return "imported";
    }

    long long count(const char* sql) { return db().execAndGet(sql).getInt64(); }
};

} // namespace

TEST_CASE_METHOD(ImportFixture, "import::sessions in batches", "[csv][import]")
{
    bulk = GENERATE(false, true);
    INFO("bulk: " << bulk);
    SECTION("every session and region is written, in full batches and the rest")
    {
        CHECK(import(file()).rows == k_rows);
        CHECK(count("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = "
                    "'sessions'") == 4);
        CHECK(count("SELECT count(*) FROM sessions") == k_rows);
        CHECK(count("SELECT count(*) FROM session_regions") == 2 * k_rows + k_rows / 3);
        auto s = find_session(clinic(), 99);
        REQUIRE(s);
        REQUIRE(s->regions.size() == 3);
        // In the catalog's order of regions.
        CHECK(to_string(s->regions[0]) == "neck:midline:4:focal");
        CHECK(to_string(s->regions[1]) == "shoulder:right:3");
        CHECK(to_string(s->regions[2]) == "calf:left:2");
        auto last = find_session(clinic(), k_rows);
        REQUIRE(last);
        CHECK(last->regions.size() == 2);
    }
    SECTION("a taken id inside a batch is named by its line, in order with the other errors")
    {
        auto before = snapshot();
        // Row 100 repeats row 10's id; row 3 (line 4) and row 150 (line 151)
        // have a bad pressure.
        std::string message = refusal(file({{100, "10"}}, {{3, "9"}, {150, "0"}}));
        CHECK_THAT(message, Catch::StartsWith("3 of 200 rows are not valid; nothing was imported"));
        auto first = message.find("line 4, column pressure");
        auto taken = message.find("line 101, column id: value 10: session 10 already exists");
        auto last = message.find("line 151, column pressure");
        REQUIRE(first != std::string::npos);
        REQUIRE(taken != std::string::npos);
        REQUIRE(last != std::string::npos);
        CHECK(first < taken);
        CHECK(taken < last);
        CHECK(snapshot() == before);
    }
    SECTION("an id already in the database is refused by its line")
    {
        std::string one = file().substr(0, file().find("\r\n") + 2) + line(70, "70");
        bool asked = bulk;
        bulk = false;
        CHECK(import(one).rows == 1);
        bulk = asked;
        auto before = snapshot();
        std::string message = refusal(file());
        CHECK_THAT(message, Catch::StartsWith("1 of 200 rows are not valid"));
        CHECK_THAT(message,
                   Catch::Contains("line 71, column id: value 70: session 70 already exists"));
        CHECK(snapshot() == before);
    }
}
