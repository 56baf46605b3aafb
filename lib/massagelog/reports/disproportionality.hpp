#pragma once
// The proportional reporting ratio (PRR) of a 2x2 table, with its 95%
// confidence interval and Yates-corrected chi-square: how much more often
// sessions in one group (a technique, a pressure, a therapist) were
// followed by a reaction than the clinic's other sessions. docs/reports.md
// explains the method with a worked example.

#include <optional>
#include <string>

namespace massagelog {

// a: group sessions with a reaction   b: group sessions without
// c: other sessions with a reaction   d: other sessions without
struct TwoByTwo {
    long long a = 0, b = 0, c = 0, d = 0;
};

struct Disproportionality {
    // Empty when it cannot be computed (no group sessions, or no other
    // sessions with a reaction and no correction possible).
    std::optional<double> prr, ci_low, ci_high;
    double chi_square = 0.0;
    long long n = 0;        // a: the group's sessions with a reaction
    bool corrected = false; // 0.5 was added to every cell because one was zero
    bool hint = false;      // PRR >= 2, chi-square >= 4 and n >= 3
};

Disproportionality disproportionality(const TwoByTwo& t);

} // namespace massagelog
