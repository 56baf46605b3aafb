#pragma once
// The clinic's flags and calls due, kept in memory for the pages that list
// the whole clinic (SPEC 8, "a day's work"). Computing them takes about a
// second on a clinic of a million sessions; a page must answer in a tenth
// of that. So the board is built once from every client's history, then
// brought up to date before each read from the audit rows written since:
// every change to a client's records is audited with the client's id, and
// only those clients are computed again. A row that names no client (a
// setting, an import, a restore, a therapist) has the board built again
// whole, as does a chain that no longer holds the row it last read (a file
// restored under it). What time alone changes (a twitch that has now
// lasted long enough to flag, a call that has fallen due) is caught by
// building it again whole once it is older than the caller allows: the
// caller does that off the request path, with build() and install().

#include "massagelog/reports/calls_due.hpp"
#include "massagelog/rules/flag.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace massagelog {

class Clinic;

class FlagBoard {
public:
    FlagBoard();
    ~FlagBoard();
    FlagBoard(const FlagBoard&) = delete;
    FlagBoard& operator=(const FlagBoard&) = delete;

    // Which of the clinic's flags a list holds.
    enum class Which {
        every,           // every flag, unreviewed refer flags first (each_flag's order otherwise)
        unreviewed_refer // the refer flags no review covers, in each_flag's order
    };
    struct FlagSlice {
        std::size_t count = 0;  // how many flags the list has
        std::vector<Flag> flags; // the ones from `from` to `to`
    };
    // The list, brought up to date with what `clinic` holds first.
    FlagSlice flags(Clinic& clinic, Which which, std::size_t from, std::size_t to);

    // The calls to make now, as calls_to_make(due_followups(clinic, now))
    // gives them: how many, and those from `from` to `to`.
    struct CallSlice {
        std::size_t count = 0;
        std::vector<CallToMake> calls;
    };
    CallSlice calls(Clinic& clinic, std::size_t from, std::size_t to);

    // Whether it was built whole longer than `age` ago, or never.
    bool older_than(std::chrono::steady_clock::duration age) const;
    // How many times it has been built whole, installs included (for tests
    // and load reports).
    std::size_t whole_builds() const;

    // A board built whole, apart from any FlagBoard: a caller builds one off
    // the request path, on a connection of its own, and installs it; what
    // was written while it was built is folded in at the next read.
    struct Contents;
    using Built = std::shared_ptr<Contents>;
    static Built build(Clinic& clinic);
    void install(Built built);

private:
    // Folds in the audit rows written since the last read (or builds whole).
    void catch_up(Clinic& clinic);
    // Puts a whole build in place (the lock held).
    void replace(Built built);
    // m_flags and m_calls again, when the board changed since they were made.
    void order();

    mutable std::mutex m_mutex;
    Built m_contents;
    // Every flag, in the order of Which::every; the first
    // m_unreviewed_refer are the unreviewed refer flags.
    std::vector<const Flag*> m_flags;
    std::size_t m_unreviewed_refer = 0;
    // Every call to make, in calls_to_make's order.
    std::vector<std::vector<const DueCall*>> m_calls;
    bool m_stale = true;
    std::size_t m_whole_builds = 0;
};

} // namespace massagelog
