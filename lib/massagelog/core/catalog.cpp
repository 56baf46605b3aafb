#include "massagelog/core/catalog.hpp"

#include "massagelog/core/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace massagelog {

namespace {

// Exact names first (what exports write), then case and '_' forgiven.
template <class T> const T* find_by_name(const std::vector<T>& items, std::string_view name)
{
    for (const T& item : items)
        if (item.name == name)
            return &item;
    std::string n = canonical_name(name);
    for (const T& item : items)
        if (item.name == n)
            return &item;
    return nullptr;
}

template <class T>
const T& by_name(const std::vector<T>& items, std::string_view name, std::string_view field,
                 std::string_view noun)
{
    if (const T* found = find_by_name(items, name))
        return *found;
    std::string choices;
    for (const T& item : items)
        choices += (choices.empty() ? "" : ", ") + item.name;
    throw InputError(fmt::format("{} {} is not a known {}", field, quote_value(name), noun),
                     "use one of: " + choices).about(field);
}

} // namespace

Catalog::Catalog(SQLite::Database& db)
{
    SQLite::Statement t(db, k_techniques_sql);
    SQLite::Statement r(db, k_regions_sql);
    read(t, r);
}

Catalog::Catalog(SQLite::Statement& techniques, SQLite::Statement& regions)
{
    read(techniques, regions);
}

void Catalog::read(SQLite::Statement& t, SQLite::Statement& r)
{
    while (t.executeStep())
        m_techniques.push_back(
            {t.getColumn(0).getInt64(), t.getColumn(1).getString(), t.getColumn(2).getInt() != 0});
    while (r.executeStep())
        m_regions.push_back({r.getColumn(0).getInt64(), r.getColumn(1).getString(),
                             r.getColumn(2).getString(), r.getColumn(3).getInt() != 0,
                             r.getColumn(4).getInt() != 0, r.getColumn(5).getInt() != 0});
    for (const Region& region : m_regions) {
        auto id = static_cast<std::size_t>(region.id);
        if (id >= m_region_by_id.size())
            m_region_by_id.resize(id + 1, nullptr);
        m_region_by_id[id] = &region;
    }
}

const Technique& Catalog::technique(std::string_view name, std::string_view field) const
{
    return by_name(m_techniques, name, field, "technique");
}

const Region& Catalog::region(std::string_view name, std::string_view field) const
{
    return by_name(m_regions, name, field, "region");
}

const Technique* Catalog::find_technique(std::string_view name) const
{
    return find_by_name(m_techniques, name);
}

const Region* Catalog::find_region(std::string_view name) const
{
    return find_by_name(m_regions, name);
}

const Region& Catalog::region_by_id(std::int64_t id) const
{
    auto index = static_cast<std::size_t>(id);
    if (id > 0 && index < m_region_by_id.size() && m_region_by_id[index])
        return *m_region_by_id[index];
    throw OperationalError(fmt::format("region {} is missing from the database", id));
}

} // namespace massagelog
