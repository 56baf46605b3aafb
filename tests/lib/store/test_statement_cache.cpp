// Statements kept per connection: each lent out starts afresh (reset, no
// bindings), and one already lent out is not lent twice; the writers that
// take one where there is a cache prepare for one use where there is none.

#include "fixture.hpp"

#include <massagelog/records/people.hpp>
#include <massagelog/store/audit.hpp>
#include <massagelog/store/row_digests.hpp>
#include <massagelog/store/statement_cache.hpp>

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

TEST_CASE("statement_cache::from a cache, or for one use without", "[statement_cache]")
{
    ClinicFixture f;
    add_client(f.clinic(), {"Ada One", {}, {}, {}, {}});
    const std::string sql = "SELECT count(*) FROM clients";

    SQLite::Statement* kept = nullptr;
    {
        auto q = StatementCache::from(&f.clinic().statements(), f.clinic().db(), sql);
        kept = &*q;
        REQUIRE(q->executeStep());
        CHECK(q->getColumn(0).getInt() == 1);
    }
    // The connection's own, the same one Clinic::statement lends.
    CHECK(&*f.clinic().statement(sql) == kept);
    // Without a cache: prepared for this use, and finalized after it.
    auto once = StatementCache::from(nullptr, f.clinic().db(), sql);
    CHECK(&*once != kept);
    REQUIRE(once->executeStep());
    CHECK(once->getColumn(0).getInt() == 1);
}

TEST_CASE("statement_cache::the writer's audit rows and digests from the cache hold the chain",
          "[statement_cache]")
{
    // Each write audits with the connection's kept statements: the chain
    // and the row digests must read as if each were prepared anew.
    ClinicFixture f;
    for (const char* name : {"Ada One", "Bea Two", "Cem Three"})
        add_client(f.clinic(), {name, {}, {}, {}, {}});
    AuditChainReport chain = verify_audit_chain(f.clinic().db());
    CHECK(chain.rows >= 3);
    CHECK_FALSE(chain.first_bad_id);
    SQLite::Statement rows(f.clinic().db(),
                           "SELECT entity_id, json_extract(detail, '$.digest') FROM audit_log "
                           "WHERE entity = 'client' AND action = 'create' ORDER BY id");
    int n = 0;
    while (rows.executeStep()) {
        ++n;
        CHECK(rows.getColumn(1).getString() ==
              row_digest(f.clinic().db(), DigestTable::clients, rows.getColumn(0).getInt64()));
    }
    CHECK(n == 3);
}
