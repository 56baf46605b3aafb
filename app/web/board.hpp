#pragma once
// The server's flag board (massagelog/reports/flag_board.hpp): the pages
// that list the whole clinic read it. It is built as the server starts, and
// built again whole in the background once it is a minute old, so what
// time alone changes (a reaction that has now lasted long enough to flag,
// a call that has fallen due) reaches the pages within about a minute, and
// no page waits for it. What is written reaches them at once: the board
// folds in the audit rows before every read.

#include <massagelog/reports/flag_board.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

namespace massagelog::web {

class ClinicPool;

class BoardKeeper {
public:
    explicit BoardKeeper(ClinicPool& pool, std::chrono::seconds max_age = std::chrono::minutes{1});
    // Waits for a build in progress.
    ~BoardKeeper();
    BoardKeeper(const BoardKeeper&) = delete;
    BoardKeeper& operator=(const BoardKeeper&) = delete;

    // Builds the board in the background: a page that comes first waits
    // for it rather than building it again.
    void start();
    // The board; when it is older than max_age, a whole build is started
    // in the background and this one serves until it is installed.
    FlagBoard& board();

private:
    // Runs `work` on a connection of its own in the builder thread, unless
    // a build is running already.
    void in_background(std::function<void(Clinic&)> work);

    ClinicPool& m_pool;
    std::chrono::seconds m_max_age;
    FlagBoard m_board;
    std::atomic<bool> m_building{false};
    std::jthread m_builder;
};

} // namespace massagelog::web
