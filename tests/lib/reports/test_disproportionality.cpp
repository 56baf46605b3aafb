#include <massagelog/reports/disproportionality.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;

// The worked examples of docs/reports.md, computed by hand there.
TEST_CASE("disproportionality", "[reports]")
{
    SECTION("a full table: PRR 2.4, but chi-square under 4, so no hint")
    {
        auto r = disproportionality({6, 4, 10, 30});
        REQUIRE(r.prr);
        CHECK(*r.prr == Approx(2.4));
        CHECK(*r.ci_low == Approx(1.14769).epsilon(1e-4));
        CHECK(*r.ci_high == Approx(5.01878).epsilon(1e-4));
        CHECK(r.chi_square == Approx(3.03883).epsilon(1e-4));
        CHECK(r.n == 6);
        CHECK_FALSE(r.corrected);
        CHECK_FALSE(r.hint);
    }
    SECTION("a zero cell: 0.5 is added to every cell for the ratio and interval")
    {
        auto r = disproportionality({3, 0, 5, 20});
        CHECK(r.corrected);
        CHECK(*r.prr == Approx(4.13636).epsilon(1e-4));
        CHECK(*r.ci_low == Approx(1.80473).epsilon(1e-4));
        CHECK(*r.ci_high == Approx(9.48039).epsilon(1e-4));
        CHECK(r.chi_square == Approx(4.93733).epsilon(1e-4)); // on the raw counts
        CHECK(r.hint);
    }
    SECTION("no reaction in the group")
    {
        auto r = disproportionality({0, 10, 5, 20});
        CHECK(r.corrected);
        CHECK(*r.prr == Approx(0.214876).epsilon(1e-4));
        CHECK(r.chi_square == Approx(0.985833).epsilon(1e-4));
        CHECK(r.n == 0);
        CHECK_FALSE(r.hint);
    }
    SECTION("n under 3 is never a hint, however large the ratio")
    {
        auto r = disproportionality({2, 0, 1, 200});
        CHECK(*r.prr > 2);
        CHECK(r.chi_square > 4);
        CHECK_FALSE(r.hint);
    }
    SECTION("nothing to compare")
    {
        CHECK_FALSE(disproportionality({0, 0, 5, 20}).prr);
        CHECK_FALSE(disproportionality({5, 20, 0, 0}).prr);
    }
}
