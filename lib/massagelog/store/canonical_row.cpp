#include "massagelog/store/canonical_row.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>

namespace massagelog {

std::string_view to_string(DigestTable t)
{
    switch (t) {
    case DigestTable::therapists: return "therapists";
    case DigestTable::clients: return "clients";
    case DigestTable::sessions: return "sessions";
    case DigestTable::reports: return "reports";
    case DigestTable::followups: return "followups";
    case DigestTable::flag_reviews: return "flag_reviews";
    case DigestTable::health_history: return "health_history";
    }
    return "?";
}

std::string_view entity_of(DigestTable t)
{
    switch (t) {
    case DigestTable::therapists: return "therapist";
    case DigestTable::clients: return "client";
    case DigestTable::sessions: return "session";
    case DigestTable::reports: return "report";
    case DigestTable::followups: return "followup";
    case DigestTable::flag_reviews: return "flag"; // a review of a flag
    case DigestTable::health_history: return "health";
    }
    return "?";
}

std::optional<DigestTable> digest_table_of_entity(std::string_view entity)
{
    for (DigestTable t : k_digest_tables)
        if (entity_of(t) == entity)
            return t;
    return std::nullopt;
}

CanonicalRow::CanonicalRow(DigestTable table) : m_bytes(to_string(table))
{
    m_bytes += '\n';
}

void CanonicalRow::null()
{
    m_bytes += '-';
}

void CanonicalRow::integer(std::int64_t value)
{
    char digits[24];
    auto end = std::to_chars(std::begin(digits), std::end(digits), value).ptr;
    text(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void CanonicalRow::text(std::string_view value)
{
    char size[24];
    auto end = std::to_chars(std::begin(size), std::end(size), value.size()).ptr;
    m_bytes.append(size, end);
    m_bytes += ':';
    m_bytes += value;
}

void CanonicalRow::opt_text(const std::optional<std::string>& value)
{
    if (value)
        text(*value);
    else
        null();
}

void CanonicalRow::child()
{
    m_bytes += '\n';
}

IdRuns id_runs(std::vector<std::int64_t> ids)
{
    std::sort(ids.begin(), ids.end());
    IdRuns runs;
    for (std::int64_t id : ids) {
        if (!runs.empty() && (runs.back().second == id || runs.back().second + 1 == id))
            runs.back().second = id;
        else
            runs.emplace_back(id, id);
    }
    return runs;
}

} // namespace massagelog
