// Statements kept per connection: each lent out starts afresh (reset, no
// bindings), and one already lent out is not lent twice.

#include "fixture.hpp"

#include <massagelog/records/people.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

TEST_CASE("statement_cache::lent afresh, never twice at once", "[statement_cache]")
{
    ClinicFixture f;
    for (const char* name : {"Ada One", "Bea Two", "Cem Three"})
        add_client(f.clinic(), {name, {}, {}, {}, {}});
    const std::string sql = "SELECT name FROM clients WHERE id >= :from ORDER BY id";

    SQLite::Statement* first = nullptr;
    {
        auto q = f.clinic().statement(sql);
        first = &*q;
        q->bind(":from", 2);
        REQUIRE(q->executeStep()); // left in the middle of its rows
        CHECK(q->getColumn(0).getString() == "Bea Two");
        // Asked again while lent: another statement, from the start.
        auto inner = f.clinic().statement(sql);
        CHECK(&*inner != first);
        inner->bind(":from", 1);
        REQUIRE(inner->executeStep());
        CHECK(inner->getColumn(0).getString() == "Ada One");
    }
    // Back in the cache: the same statement, reset, its binding cleared
    // (NULL, so no row is >= it).
    auto again = f.clinic().statement(sql);
    CHECK(&*again == first);
    CHECK_FALSE(again->executeStep());

    auto raw = f.clinic().raw_statement("SELECT count(*) FROM clients");
    REQUIRE(sqlite3_step(raw.get()) == SQLITE_ROW);
    CHECK(sqlite3_column_int(raw.get(), 0) == 3);
}
