#pragma once
// The seeded techniques and body regions, as read from the database.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "massagelog/core/values.hpp"

namespace SQLite {
class Database;
class Statement;
}

namespace massagelog {

struct Technique {
    std::int64_t id = 0;
    std::string name;
    bool deep = false;
};

struct Region {
    std::int64_t id = 0;
    std::string name;
    std::string body_group;
    bool nerve_risk = false;
    bool visceral = false;
    bool paired = false;

    // The side a region gets when none is typed: both for paired regions
    // (calf, shoulder), midline for the rest (neck, abdomen).
    Side default_side() const { return paired ? Side::both : Side::midline; }
};

class Catalog {
public:
    explicit Catalog(SQLite::Database& db);
    // From statements of k_techniques_sql and k_regions_sql that the caller
    // keeps (a connection's, prepared once for every session entered).
    Catalog(SQLite::Statement& techniques, SQLite::Statement& regions);
    static constexpr const char* k_techniques_sql =
        "SELECT id, name, deep FROM techniques ORDER BY id";
    static constexpr const char* k_regions_sql =
        "SELECT id, name, body_group, nerve_risk, visceral, paired FROM regions ORDER BY id";

    // Throws InputError naming `field` and listing the choices.
    const Technique& technique(std::string_view name, std::string_view field) const;
    const Region& region(std::string_view name, std::string_view field) const;
    // nullptr when unknown; for hot paths that name the field only on error.
    const Technique* find_technique(std::string_view name) const;
    const Region* find_region(std::string_view name) const;
    const Region& region_by_id(std::int64_t id) const;

    const std::vector<Technique>& techniques() const { return m_techniques; }
    const std::vector<Region>& regions() const { return m_regions; }

private:
    void read(SQLite::Statement& techniques, SQLite::Statement& regions);

    std::vector<Technique> m_techniques;
    std::vector<Region> m_regions;
    std::vector<const Region*> m_region_by_id; // indexed by id
};

} // namespace massagelog
