#include "massagelog/exchange/tables.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/core/values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include <array>
#include <string>

namespace massagelog {

namespace {

// In the order a clinic's whole history is imported.
constexpr std::array<std::pair<Table, std::string_view>, 10> k_tables{
    {{Table::settings, "settings"},
     {Table::therapists, "therapists"},
     {Table::clients, "clients"},
     {Table::sessions, "sessions"},
     {Table::reports, "reports"},
     {Table::followups, "followups"},
     {Table::flag_reviews, "flag_reviews"},
     {Table::health_history, "health_history"},
     {Table::flags, "flags"},
     {Table::audit, "audit"}}};

} // namespace

std::string_view to_string(Table table)
{
    for (auto [t, name] : k_tables)
        if (t == table)
            return name;
    return "?";
}

Table parse_table(std::string_view text, std::string_view field, TableUse use)
{
    std::string choices;
    for (auto [t, name] : k_tables) {
        bool importable = t != Table::flags && t != Table::audit;
        if (use == TableUse::import && !importable)
            continue;
        if (text == name)
            return t;
        choices += (choices.empty() ? "" : ", ") + std::string(name);
    }
    throw InputError(fmt::format("{} {} is not a table {}", field, quote_value(text),
                                 use == TableUse::import ? "import reads" : "export writes"),
                     "use " + choices).about(field);
}

namespace {

using F = CellFrom;

TableSpec settings_spec()
{
    return {{{"key", F::value}, {"value", F::text}},
            "SELECT key, value FROM settings WHERE 1",
            nullptr, nullptr, "key"};
}

TableSpec therapists_spec()
{
    return {{{"id", F::number},
             {"name", F::text},
             {"licence", F::text},
             {"active", F::yes_no},
             {"created_at", F::time}},
            "SELECT id, name, licence, active, created_at FROM therapists WHERE 1",
            "created_at", nullptr, "id"};
}

TableSpec clients_spec()
{
    return {{{"id", F::number},
             {"name", F::text},
             {"phone", F::text},
             {"email", F::text},
             {"birth_date", F::value},
             {"notes", F::text},
             {"created_at", F::time},
             {"archived_at", F::time}},
            "SELECT id, name, phone, email, birth_date, notes, created_at, archived_at "
            "FROM clients WHERE 1",
            "created_at", "id", "id"};
}

TableSpec sessions_spec()
{
    return {{{"id", F::number},
             {"started_at", F::time},
             {"client_id", F::number},
             {"client", F::text},
             {"therapist_id", F::number},
             {"therapist", F::text},
             {"duration_min", F::number},
             {"technique", F::value},
             {"pressure", F::number},
             {"regions", F::regions},
             {"notes", F::text},
             {"created_by", F::text},
             {"created_at", F::time},
             {"voided_at", F::time},
             {"void_reason", F::text}},
            R"sql(
SELECT s.id, s.started_at, s.client_id, c.name, s.therapist_id, t.name, s.duration_min, k.name,
       s.pressure, s.notes, s.created_by, s.created_at, s.voided_at, s.void_reason
  FROM sessions s
  JOIN clients c ON c.id = s.client_id
  JOIN therapists t ON t.id = s.therapist_id
  JOIN techniques k ON k.id = s.technique_id
 WHERE 1)sql",
            "s.started_at", "s.client_id", "s.id", "s.therapist_id"};
}

TableSpec reports_spec()
{
    return {{{"id", F::number},
             {"session_id", F::number},
             {"client_id", F::number},
             {"reported_at", F::time},
             {"onset_at", F::time},
             {"region", F::value},
             {"side", F::value},
             {"kind", F::value},
             {"severity", F::number},
             {"frequency", F::value},
             {"still_present", F::tri},
             {"resolved_at", F::time},
             {"weakness", F::tri},
             {"loss_of_control", F::tri},
             {"pain", F::tri},
             {"fatigue", F::tri},
             {"vision_changes", F::tri},
             {"numbness", F::tri},
             {"stiffness", F::tri},
             {"source", F::value},
             {"notes", F::text},
             {"created_by", F::text},
             {"created_at", F::time}},
            R"sql(
SELECT r.id, r.session_id, s.client_id, r.reported_at, r.onset_at, g.name, r.side, r.kind,
       r.severity, r.frequency, r.still_present, r.resolved_at, r.weakness, r.loss_of_control,
       r.pain, r.fatigue, r.vision_changes, r.numbness, r.stiffness, r.source, r.notes,
       r.created_by, r.created_at
  FROM reports r
  JOIN sessions s ON s.id = r.session_id
  JOIN regions g ON g.id = r.region_id
 WHERE 1)sql",
            "r.reported_at", "r.client_id", "r.id"};
}

TableSpec followups_spec()
{
    return {{{"id", F::number},
             {"session_id", F::number},
             {"client_id", F::number},
             {"contacted_at", F::time},
             {"contacted_by", F::text},
             {"outcome", F::value},
             {"notes", F::text}},
            "SELECT f.id, f.session_id, s.client_id, f.contacted_at, f.contacted_by, f.outcome, "
            "f.notes FROM followups f JOIN sessions s ON s.id = f.session_id WHERE 1",
            "f.contacted_at", "s.client_id", "f.id"};
}

// Computed, not stored: flag_row writes each row (exchange/other.cpp).
TableSpec flags_spec()
{
    TableSpec spec;
    for (const char* name : {"level", "rule", "client_id", "client", "evidence_key", "at",
                             "evidence", "guidance", "source", "report_ids", "session_ids",
                             "reviewed_at", "reviewed_by", "review_action", "review_note"})
        spec.columns.push_back({name, F::value});
    return spec;
}

TableSpec reviews_spec()
{
    return {{{"id", F::number},
             {"rule", F::value},
             {"client_id", F::number},
             {"evidence_key", F::text},
             {"reviewed_at", F::time},
             {"reviewed_by", F::text},
             {"action", F::value},
             {"note", F::text}},
            "SELECT id, rule, client_id, evidence_key, reviewed_at, reviewed_by, action, note "
            "FROM flag_reviews WHERE 1",
            "reviewed_at", "client_id", "id"};
}

TableSpec health_spec()
{
    TableSpec spec{{{"id", F::number},
                    {"client_id", F::number},
                    {"recorded_at", F::time},
                    {"recorded_by", F::text}},
                   "SELECT id, client_id, recorded_at, recorded_by, anticoagulant, clot, pregnant, "
                   "pregnancy_week, diabetes, reduced_sensation, sensation_regions, "
                   "recent_surgery, surgery_date, surgery_regions, osteoporosis, "
                   "high_blood_pressure, pacemaker, cancer_treatment, lymphoedema, "
                   "skin_condition, skin_regions, avoid_regions, preferred_pressure, notes FROM "
                   "health_history WHERE 1",
                   "recorded_at", "client_id", "id"};
    for (std::string_view name :
         {"anticoagulant", "clot", "pregnant", "pregnancy_week", "diabetes", "reduced_sensation",
          "sensation_regions", "recent_surgery", "surgery_date", "surgery_regions",
          "osteoporosis", "high_blood_pressure", "pacemaker", "cancer_treatment", "lymphoedema",
          "skin_condition", "skin_regions", "avoid_regions", "preferred_pressure"})
        spec.columns.push_back({name, name.ends_with("regions") || name == "pregnancy_week" ||
                                              name == "surgery_date" ||
                                              name == "preferred_pressure"
                                          ? F::value
                                          : F::tri});
    spec.columns.push_back({"notes", F::text});
    return spec;
}

TableSpec audit_spec()
{
    return {{{"id", F::number},
             {"at", F::time},
             {"actor", F::text},
             {"os_user", F::text},
             {"action", F::value},
             {"entity", F::value},
             {"entity_id", F::value},
             {"client_id", F::value},
             {"outcome", F::value},
             {"detail", F::text},
             {"prev_hash", F::value},
             {"row_hash", F::value}},
            "SELECT id, at, actor, os_user, action, entity, entity_id, client_id, outcome, "
            "detail, prev_hash, row_hash FROM audit_log WHERE 1",
            "at", "client_id", "id"};
}

TableSpec make_spec(Table table)
{
    switch (table) {
    case Table::settings: return settings_spec();
    case Table::therapists: return therapists_spec();
    case Table::clients: return clients_spec();
    case Table::sessions: return sessions_spec();
    case Table::reports: return reports_spec();
    case Table::followups: return followups_spec();
    case Table::flags: return flags_spec();
    case Table::flag_reviews: return reviews_spec();
    case Table::health_history: return health_spec();
    case Table::audit: break;
    }
    return audit_spec();
}

// Every table's spec and its column names, built once.
struct Specs {
    std::array<TableSpec, k_tables.size()> specs;
    std::array<std::vector<std::string_view>, k_tables.size()> names;
    Specs()
    {
        for (auto [table, name] : k_tables) {
            auto i = static_cast<std::size_t>(table);
            specs[i] = make_spec(table);
            for (const CsvColumn& c : specs[i].columns)
                names[i].push_back(c.name);
        }
    }
};

const Specs& specs()
{
    static const Specs all;
    return all;
}

} // namespace

const TableSpec& table_spec(Table table)
{
    return specs().specs[static_cast<std::size_t>(table)];
}

const std::vector<std::string_view>& csv_columns(Table table)
{
    return specs().names[static_cast<std::size_t>(table)];
}

std::size_t column_of(Table table, std::string_view name)
{
    const auto& names = csv_columns(table);
    auto found = std::find(names.begin(), names.end(), name);
    if (found == names.end())
        throw std::logic_error(fmt::format("{} has no column {}", to_string(table), name));
    return static_cast<std::size_t>(found - names.begin());
}

} // namespace massagelog
