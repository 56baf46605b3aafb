#pragma once
// Flags in their order — refer first, unreviewed first, then the most
// recent — sorted in bounded memory: runs of a fixed size, spilled to
// private temporary files and merged, so a whole clinic's flags never sit
// in memory at once.

#include "massagelog/rules/flag.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

namespace massagelog {

// Refer first; within a level, the unreviewed first, then the most recent;
// the rest makes the order total.
bool flag_before(const Flag& a, const Flag& b);

class FlagRun;

// Sorts what it is given in runs of `run` flags and hands them out in
// order: from memory when one run holds them all, else merged from the
// runs written to temporary files.
class FlagSorter {
public:
    explicit FlagSorter(std::size_t run);
    ~FlagSorter();
    FlagSorter(const FlagSorter&) = delete;
    FlagSorter& operator=(const FlagSorter&) = delete;
    void add(Flag&& f);
    void each(const std::function<void(const Flag&)>& visit);

private:
    void spill();
    std::size_t m_run;
    std::vector<Flag> m_buffer;
    std::vector<std::unique_ptr<FlagRun>> m_runs;
};

} // namespace massagelog
