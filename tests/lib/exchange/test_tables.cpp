// Importers find their columns by name in the one list of each table.

#include <massagelog/exchange/tables.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace massagelog;

TEST_CASE("tables::column_of", "[tables]")
{
    for (Table t : {Table::settings, Table::therapists, Table::clients, Table::sessions,
                    Table::reports, Table::followups, Table::flag_reviews}) {
        const auto& names = csv_columns(t);
        REQUIRE_FALSE(names.empty());
        for (std::size_t i = 0; i < names.size(); ++i)
            CHECK(column_of(t, names[i]) == i);
    }
    CHECK(csv_columns(Table::sessions)[column_of(Table::sessions, "duration_min")] ==
          "duration_min");
    CHECK_THROWS_AS(column_of(Table::sessions, "duration"), std::logic_error);
}
