// Unicode text through ICU: name keys, display width, invisible characters.

#include <massagelog/core/error.hpp>
#include <massagelog/core/text.hpp>
#include <massagelog/core/values.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;

TEST_CASE("text::match_key", "[text]")
{
    CHECK(match_key("FRANÇOISE DUPRÉ") == match_key("Françoise Dupré"));
    CHECK(match_key("García") == "garcia");
    CHECK(match_key("Straße") == match_key("STRASSE"));
    // Composed and decomposed forms are one name.
    CHECK(match_key("Jos\u00e9") == match_key("Jose\u0301"));
    CHECK(match_key("李小龙") == "李小龙");
    CHECK(match_key("Ana") != match_key("Anna"));
}

TEST_CASE("text::display_width", "[text]")
{
    CHECK(display_width("Ana") == 3);
    CHECK(display_width("李小龙") == 6);
    CHECK(display_width("Zoë") == 3);
    CHECK(display_width("Zoe\u0308") == 3); // e + combining diaeresis
    CHECK(display_width("a\u200bb") == 2);
    CHECK(fit_columns("李小龙", 5) == "李小");
    CHECK(fit_columns("Zoe\u0308 Müller", 3) == "Zoe\u0308");
    CHECK(fit_columns("abc", 10) == "abc");
}

TEST_CASE("text::invisible characters", "[text]")
{
    CHECK_FALSE(first_invisible("María García"));
    CHECK(first_invisible("Eve\u202eliam") == U'\u202e');
    CHECK(first_invisible("Zo\u200bë") == U'\u200b');
    CHECK(first_invisible("\ufeffAna") == U'\ufeff');
    CHECK(visible("a\u202eb") == "a<U+202E>b");
    CHECK(visible("plain") == "plain");
}

TEST_CASE("text::names are checked and normalised", "[text]")
{
    CHECK(checked_text("Jose\u0301", "--name", TextKind::line) == "Jos\u00e9");
    CHECK_THROWS_WITH(checked_text("Eve\u202eliam", "--name", TextKind::line),
                      Catch::Contains("--name") && Catch::Contains("U+202E"));
    CHECK_THROWS_AS(checked_text("a\u2028b", "--phone", TextKind::line), InputError);
    // Notes keep what was typed; they are shown escaped (visible()).
    CHECK(checked_text("note \u202e here", "--notes", TextKind::note) == "note \u202e here");
}
