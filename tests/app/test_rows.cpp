// The CLI's lists: one set of cells written as an aligned table, CSV or JSON.

#include <catch2/catch.hpp>

#include <massagelog/core/error.hpp>
#include <rows.hpp>

#include <sstream>

using namespace massagelog;

namespace {

std::string write(Format format, const std::vector<std::vector<Cell>>& rows, std::size_t width = 0)
{
    std::ostringstream out;
    auto w = make_writer(format, out, {"id", "name", "weakness"}, width);
    for (const auto& r : rows)
        w->row(r);
    w->finish();
    return out.str();
}

const std::vector<std::vector<Cell>> k_rows = {
    {Cell::num(1), Cell::str("Ana Souza"), Cell::tri(Tri::yes)},
    {Cell::num(12), Cell::str("=HYPERLINK(\"x\")"), Cell::tri(Tri::unknown)},
    {Cell::num(3), Cell::null(), Cell::tri(Tri::no)},
};

} // namespace

TEST_CASE("rows::formats", "[rows]")
{
    SECTION("a table: aligned columns, - for nothing, n/r for not recorded")
    {
        std::string t = write(Format::table, k_rows);
        CHECK_THAT(t, Catch::Contains(" 1  Ana Souza"));
        CHECK_THAT(t, Catch::Contains("12  =HYPERLINK"));
        CHECK_THAT(t, Catch::Contains("n/r"));
        CHECK_THAT(t, Catch::Contains(" 3  -"));
    }
    SECTION("CSV: a formula typed as text is neutralised, an empty cell for nothing")
    {
        std::string c = write(Format::csv, k_rows);
        CHECK_THAT(c, Catch::StartsWith("id,name,weakness\r\n"));
        CHECK_THAT(c, Catch::Contains("1,Ana Souza,yes\r\n"));
        CHECK_THAT(c, Catch::Contains("12,\"'=HYPERLINK(\"\"x\"\")\",\r\n"));
        CHECK_THAT(c, Catch::Contains("3,,no\r\n"));
    }
    SECTION("JSON: numbers, strings and null")
    {
        std::string j = write(Format::json, k_rows);
        CHECK_THAT(j, Catch::Contains("\"id\":1"));
        CHECK_THAT(j, Catch::Contains("\"name\":\"Ana Souza\""));
        CHECK_THAT(j, Catch::Contains("\"weakness\":null"));
    }
    SECTION("a table too wide is shortened with an ellipsis")
    {
        std::vector<std::vector<Cell>> wide = {
            {Cell::num(1), Cell::str(std::string(200, 'a')), Cell::tri(Tri::yes)}};
        std::string t = write(Format::table, wide, 40);
        CHECK_THAT(t, Catch::Contains("…"));
        CHECK(t.find(std::string(100, 'a')) == std::string::npos);
    }
    CHECK(parse_format("csv", "--format") == Format::csv);
    CHECK_THROWS_WITH(parse_format("xml", "--format"), Catch::StartsWith("--format 'xml'"));
}

TEST_CASE("rows::wrapped", "[rows]")
{
    const std::string text = "not reported gone 81 d 1 h after onset, still present not recorded";
    // Fits: unchanged; a pipe (width 0): unchanged.
    CHECK(wrapped(text, 10, 200) == text);
    CHECK(wrapped(text, 10, 0) == text);
    // Each line fits under the label, and a number stays with its unit.
    for (std::size_t width = 31; width <= 80; ++width) {
        INFO("width " << width);
        std::string out = wrapped(text, 10, width);
        std::size_t at = 0, line = 0;
        while (at <= out.size()) {
            auto end = std::min(out.find('\n', at), out.size());
            std::string_view l(out.data() + at, end - at);
            CHECK(l.size() + (line == 0 ? 10 : 0) <= width);
            if (line > 0)
                CHECK(l.starts_with(std::string(10, ' ')));
            CHECK_FALSE(l.ends_with(" 81"));
            CHECK_FALSE(l.ends_with(" 1"));
            at = end + 1;
            ++line;
        }
        // Nothing lost: the words are the same.
        std::string joined;
        std::istringstream words(out);
        for (std::string w; words >> w;)
            joined += (joined.empty() ? "" : " ") + w;
        CHECK(joined == text);
    }
}
