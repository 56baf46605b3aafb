#include <massagelog/exchange/csv.hpp>
#include <massagelog/core/error.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace massagelog;

namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text)
{
    std::istringstream in(text);
    CsvReader reader(in);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> fields;
    while (reader.next(fields))
        rows.push_back(fields);
    return rows;
}

} // namespace

TEST_CASE("csv::reader", "[csv]")
{
    SECTION("quotes, commas, line breaks, CRLF and LF")
    {
        auto rows = read_all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n1,,3\n");
        REQUIRE(rows.size() == 3);
        CHECK(rows[1] == std::vector<std::string>{"x, y", "say \"hi\"", "two\r\nlines"});
        CHECK(rows[2] == std::vector<std::string>{"1", "", "3"});
    }
    SECTION("a byte order mark is skipped; so are empty lines")
    {
        auto rows = read_all("\xEF\xBB\xBFid,name\r\n\r\n1,Zoë\r\n");
        REQUIRE(rows.size() == 2);
        CHECK(rows[0][0] == "id");
        CHECK(rows[1][1] == "Zoë");
    }
    SECTION("line numbers count physical lines")
    {
        std::istringstream in("h\n\"a\nb\"\nc\n");
        CsvReader reader(in);
        std::vector<std::string> f;
        reader.next(f);
        reader.next(f);
        CHECK(reader.line() == 2);
        reader.next(f);
        CHECK(reader.line() == 4);
    }
    SECTION("malformed records name their line")
    {
        CHECK_THROWS_WITH(read_all("a\n\"open\n"), Catch::StartsWith("line 2: a quoted field is not closed"));
        CHECK_THROWS_WITH(read_all("a\nb\"c\n"), Catch::StartsWith("line 2: a quote inside an unquoted field"));
        CHECK_THROWS_WITH(read_all("a\n\"b\"c\n"), Catch::StartsWith("line 2: text after a closing quote"));
    }
}

TEST_CASE("csv::round trip of any string", "[csv][property]")
{
    // Strings built from the characters that matter: formula starters,
    // quotes, separators, line breaks, apostrophes and non-ASCII text.
    const std::vector<std::string> pieces = {"=", "+", "-", "@", "\t", "\r", "\n", "'", "\"", ",",
                                             " ", "a", "1", "é", "名", "SUM(A1)", "''", "\r\n"};
    std::mt19937 rng(20261121);
    for (int i = 0; i < 5000; ++i) {
        std::string original;
        int length = static_cast<int>(rng() % 8);
        for (int k = 0; k < length; ++k)
            original += pieces[rng() % pieces.size()];
        std::string line;
        append_csv_cell(line, original, CellKind::text);
        line += ",end\r\n";
        auto rows = read_all(line);
        INFO("original: '" << original << "' written: '" << line << "'");
        if (original.empty()) {
            REQUIRE(rows.size() == 1);
            CHECK(rows[0][0].empty());
            continue;
        }
        REQUIRE(rows.size() == 1);
        REQUIRE(rows[0].size() == 2);
        CHECK(unneutralise(rows[0][0]) == original);
        // What a spreadsheet sees never starts a formula.
        char first = rows[0][0].empty() ? '\0' : rows[0][0][0];
        CHECK(first != '=');
        CHECK(first != '+');
        CHECK(first != '-');
        CHECK(first != '@');
        CHECK(first != '\t');
        CHECK(first != '\r');
    }
}
