// The seeded techniques and regions, read from a fresh clinic.

#include "fixture.hpp"

#include <massagelog/core/catalog.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

TEST_CASE_METHOD(ClinicFixture, "catalog::seeded", "[catalog]")
{
    Catalog catalog(db());
    CHECK(catalog.techniques().size() == 14);
    CHECK(catalog.regions().size() == 18);
    SECTION("techniques by name, and which are deep")
    {
        CHECK(catalog.technique("deep-tissue", "--technique").deep);
        CHECK_FALSE(catalog.technique("swedish", "--technique").deep);
        CHECK(catalog.find_technique("no-such") == nullptr);
        CHECK_THROWS_WITH(catalog.technique("shiatzu", "--technique"),
                          Catch::StartsWith("--technique 'shiatzu'"));
    }
    SECTION("regions: group, nerve risk, and the side each takes by default")
    {
        const Region& calf = catalog.region("calf", "--region");
        CHECK(calf.body_group == "lower-limb");
        CHECK(calf.paired);
        CHECK(calf.default_side() == Side::both);
        const Region& neck = catalog.region("neck", "--region");
        CHECK(neck.nerve_risk);
        CHECK(neck.default_side() == Side::midline);
        CHECK(catalog.region("abdomen", "--region").visceral);
        CHECK(catalog.find_region("elbow") == nullptr);
        CHECK_THROWS_AS(catalog.region("elbow", "--region"), InputError);
    }
    SECTION("every region found again by its id")
    {
        for (const Region& r : catalog.regions())
            CHECK(&catalog.region_by_id(r.id) == &catalog.region(r.name, "--region"));
    }
}
