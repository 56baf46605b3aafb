#include <massagelog/exchange/csv.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/core/values.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;

namespace {

std::string message_of(const std::function<void()>& f)
{
    try {
        f();
    } catch (const InputError& e) {
        return std::string(e.what()) + " | " + e.hint();
    }
    return "no error";
}

} // namespace

TEST_CASE("values::pressure", "[values]")
{
    CHECK(parse_pressure("1", "--pressure") == 1);
    CHECK(parse_pressure("deep", "--pressure") == 4);
    CHECK(parse_pressure("Very Deep", "--pressure") == 5);
    CHECK(parse_pressure("very_deep", "--pressure") == 5);
    CHECK(pressure_name(3) == "firm");
    CHECK(message_of([] { parse_pressure("7", "--pressure"); }) ==
          "--pressure '7' is not 1-5 | use 1 light, 2 moderate, 3 firm, 4 deep or 5 very-deep");
    CHECK_THROWS_AS(parse_pressure("0", "--pressure"), InputError);
    CHECK_THROWS_AS(parse_pressure("", "--pressure"), InputError);
}

TEST_CASE("values::tri", "[values]")
{
    CHECK(parse_tri("yes", "--pain") == Tri::yes);
    CHECK(parse_tri("NO", "--pain") == Tri::no);
    CHECK(parse_tri("", "--pain") == Tri::unknown);
    CHECK(parse_tri("unknown", "--pain") == Tri::unknown);
    CHECK_THAT(message_of([] { parse_tri("maybe", "--pain"); }), Catch::StartsWith("--pain 'maybe'"));
    SECTION("not recorded is NULL in the database and empty in CSV, never no")
    {
        CHECK_FALSE(tri_to_db(Tri::unknown).has_value());
        CHECK(tri_to_db(Tri::no) == 0);
        CHECK(tri_from_db(std::nullopt) == Tri::unknown);
        CHECK(tri_from_db(0) == Tri::no);
        CHECK(tri_to_cell(Tri::unknown).empty());
        CHECK(tri_to_cell(Tri::no) == "no");
    }
}

TEST_CASE("values::enums", "[values]")
{
    CHECK(parse_enum<Side>("Left", "--region") == Side::left);
    CHECK(parse_enum<ReportSource>("in_person", "--source") == ReportSource::in_person);
    CHECK(to_string(ReportSource::in_person) == "in-person");
    CHECK(message_of([] { parse_enum<ReactionKind>("tremor", "--kind"); }) ==
          "--kind 'tremor' is not a reaction kind | use twitch, spasm or cramp");
}

TEST_CASE("values::parse_int", "[values]")
{
    CHECK(parse_int("10", "--severity", 1, 10) == 10);
    CHECK_THROWS_AS(parse_int("0", "--severity", 1, 10), InputError);
    CHECK_THROWS_AS(parse_int("-3", "--severity", 1, 10), InputError);
    CHECK_THROWS_AS(parse_int("99999999999999999999999", "--severity", 1, 10), InputError);
    CHECK_THROWS_AS(parse_int("5x", "--severity", 1, 10), InputError);
    CHECK_THROWS_AS(parse_int("", "--severity", 1, 10), InputError);
}

TEST_CASE("values::region_spec", "[values]")
{
    SECTION("full form")
    {
        auto r = parse_region_spec("neck:midline:4:focal", "--region", RegionExtras::side_pressure_focal);
        CHECK(r.region == "neck");
        CHECK(r.side == Side::midline);
        CHECK(r.pressure == 4);
        CHECK(r.focal);
    }
    SECTION("optional parts may be left out, pressure by name")
    {
        auto r = parse_region_spec("Calf:deep", "--region", RegionExtras::side_pressure_focal);
        CHECK(r.region == "calf");
        CHECK_FALSE(r.side.has_value());
        CHECK(r.pressure == 4);
        CHECK_FALSE(r.focal);
    }
    SECTION("reports take a side only")
    {
        CHECK_THROWS_AS(parse_region_spec("calf:left:4", "--region", RegionExtras::side_only), InputError);
        CHECK(parse_region_spec("calf:left", "--region", RegionExtras::side_only).side == Side::left);
    }
    SECTION("junk and repeats are refused")
    {
        for (const char* bad : {"", ":left", "calf:up", "calf:left:right", "calf:4:5", "calf:focal:focal", "calf:9"}) {
            INFO(bad);
            CHECK_THROWS_AS(parse_region_spec(bad, "--region", RegionExtras::side_pressure_focal), InputError);
        }
    }
}

TEST_CASE("values::checked_text", "[values]")
{
    SECTION("UTF-8 text is kept verbatim")
    {
        CHECK(checked_text("Zoë Müller-Núñez 名前", "--name", TextKind::line) == "Zoë Müller-Núñez 名前");
        CHECK(checked_text("'; DROP TABLE clients; --", "--name", TextKind::line) == "'; DROP TABLE clients; --");
        CHECK(checked_text("line one\nline two\ttab", "--notes", TextKind::note) == "line one\nline two\ttab");
    }
    SECTION("a 1 MB note is fine; more than 1 MiB is not")
    {
        std::string mb(1'000'000, 'x');
        CHECK(checked_text(mb, "--notes", TextKind::note).size() == 1'000'000);
        CHECK_THROWS_AS(checked_text(std::string(1024 * 1024 + 1, 'x'), "--notes", TextKind::note), InputError);
    }
    SECTION("NUL bytes, invalid UTF-8 and control characters are refused")
    {
        CHECK(message_of([] { checked_text(std::string("ab\0c", 4), "--notes", TextKind::note); }) ==
              "--notes contains a NUL byte at byte 3 | remove it; text may not contain NUL");
        CHECK_THAT(message_of([] { checked_text("caf\xe9", "--name", TextKind::line); }),
                   Catch::Contains("not valid UTF-8"));
        CHECK_THROWS_AS(checked_text("\xc0\xaf", "--name", TextKind::line), InputError);       // overlong
        CHECK_THROWS_AS(checked_text("\xed\xa0\x80", "--name", TextKind::line), InputError);   // surrogate
        CHECK_THROWS_AS(checked_text("\xf4\x90\x80\x80", "--name", TextKind::line), InputError); // > U+10FFFF
        CHECK_THROWS_AS(checked_text("two\nlines", "--name", TextKind::line), InputError);
        CHECK_THROWS_AS(checked_text("bell\a", "--notes", TextKind::note), InputError);
    }
    SECTION("one-line fields are limited to 200 characters, counted as characters")
    {
        std::string ok;
        for (int i = 0; i < 200; ++i)
            ok += "é";
        CHECK_NOTHROW(checked_text(ok, "--name", TextKind::line));
        CHECK_THROWS_AS(checked_text(ok + "e", "--name", TextKind::line), InputError);
    }
}

TEST_CASE("csv::cells", "[csv]")
{
    auto cell = [](std::string_view s, CellKind k = CellKind::text) {
        std::string out;
        append_csv_cell(out, s, k);
        return out;
    };
    CHECK(cell("plain") == "plain");
    CHECK(cell("a,b") == "\"a,b\"");
    CHECK(cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(cell("two\r\nlines") == "\"two\r\nlines\"");
    CHECK(cell("=SUM(A1)") == "'=SUM(A1)");
    CHECK(cell("-5") == "'-5");
    CHECK(cell("'=x") == "''=x");
    CHECK(cell("'plain") == "'plain");
    CHECK(cell("-5", CellKind::value) == "-5");
    CHECK(cell("2026-11-21T10:00:00-05:00", CellKind::value) == "2026-11-21T10:00:00-05:00");
    for (std::string s : {"=1+1", "+x", "-", "@a", "\tx", "\rx", "'=x", "''@", "'", "plain", "''"}) {
        INFO(s);
        std::string written;
        append_csv_cell(written, s, CellKind::text);
        if (written.front() == '"')
            written = written.substr(1, written.size() - 2);
        CHECK(unneutralise(written) == s);
    }
}
