#include "massagelog/reports/disproportionality.hpp"

#include <cmath>

namespace massagelog {

Disproportionality disproportionality(const TwoByTwo& t)
{
    Disproportionality r;
    r.n = t.a;
    if (t.a + t.b == 0 || t.c + t.d == 0)
        return r; // no group or no comparison: nothing to compare

    // Yates-corrected Pearson chi-square on the raw counts.
    double a = static_cast<double>(t.a), b = static_cast<double>(t.b),
           c = static_cast<double>(t.c), d = static_cast<double>(t.d);
    double total = a + b + c + d;
    double margins = (a + b) * (c + d) * (a + c) * (b + d);
    if (margins > 0) {
        double diff = std::fabs(a * d - b * c) - total / 2.0;
        r.chi_square = diff > 0 ? total * diff * diff / margins : 0.0;
    }

    // A zero cell makes the ratio or its standard error infinite: the
    // Haldane-Anscombe correction adds 0.5 to every cell.
    if (t.a == 0 || t.b == 0 || t.c == 0 || t.d == 0) {
        r.corrected = true;
        a += 0.5;
        b += 0.5;
        c += 0.5;
        d += 0.5;
    }
    double prr = (a / (a + b)) / (c / (c + d));
    double se = std::sqrt(1.0 / a - 1.0 / (a + b) + 1.0 / c - 1.0 / (c + d));
    r.prr = prr;
    r.ci_low = std::exp(std::log(prr) - 1.96 * se);
    r.ci_high = std::exp(std::log(prr) + 1.96 * se);
    r.hint = prr >= 2.0 && r.chi_square >= 4.0 && t.a >= 3;
    return r;
}

} // namespace massagelog
