#include "web/board.hpp"

#include "web/site.hpp"

#include <iostream>

namespace massagelog::web {

BoardKeeper::BoardKeeper(ClinicPool& pool, std::chrono::seconds max_age)
    : m_pool(pool), m_max_age(max_age)
{
}

BoardKeeper::~BoardKeeper() = default; // m_builder joins

void BoardKeeper::start()
{
    // A read builds it under the board's lock: pages wait for it.
    in_background([this](Clinic& clinic) { m_board.flags(clinic, FlagBoard::Which::every, 0, 0); });
}

FlagBoard& BoardKeeper::board()
{
    if (m_board.older_than(m_max_age))
        in_background([this](Clinic& clinic) { m_board.install(FlagBoard::build(clinic)); });
    return m_board;
}

void BoardKeeper::in_background(std::function<void(Clinic&)> work)
{
    if (m_building.exchange(true))
        return;
    // The last build has set m_building back, so it has ended (or is about
    // to): assigning joins it.
    m_builder = std::jthread([this, work = std::move(work)] {
        try {
            auto clinic = m_pool.take();
            work(*clinic);
        } catch (const std::exception& e) {
            // The board serves as it was; a page's read builds it if need be.
            std::cerr << "massagelog: the flag board was not built: " << e.what() << "\n";
        }
        m_building = false;
    });
}

} // namespace massagelog::web
