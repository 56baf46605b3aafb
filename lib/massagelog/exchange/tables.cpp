#include "massagelog/exchange/tables.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/core/values.hpp"

#include <fmt/format.h>

#include <array>
#include <string>

namespace massagelog {

namespace {

// In the order a clinic's whole history is imported.
constexpr std::array<std::pair<Table, std::string_view>, 9> k_tables{
    {{Table::settings, "settings"},
     {Table::therapists, "therapists"},
     {Table::clients, "clients"},
     {Table::sessions, "sessions"},
     {Table::reports, "reports"},
     {Table::followups, "followups"},
     {Table::flag_reviews, "flag_reviews"},
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
                     "use " + choices);
}

const std::vector<std::string_view>& csv_columns(Table table)
{
    static const std::vector<std::string_view> settings{"key", "value"};
    static const std::vector<std::string_view> therapists{"id", "name", "licence", "active",
                                                          "created_at"};
    static const std::vector<std::string_view> clients{
        "id", "name", "phone", "email", "birth_date", "notes", "created_at", "archived_at"};
    static const std::vector<std::string_view> sessions{
        "id",       "started_at", "client_id",  "client",     "therapist_id",
        "therapist", "duration_min", "technique", "pressure",  "regions",
        "notes",    "created_by", "created_at", "voided_at",  "void_reason"};
    static const std::vector<std::string_view> reports{
        "id",         "session_id",     "client_id",       "reported_at", "onset_at",
        "region",     "side",           "kind",            "severity",    "frequency",
        "still_present", "resolved_at", "weakness",        "loss_of_control", "pain",
        "fatigue",    "vision_changes", "numbness",        "stiffness",   "source",
        "notes",      "created_by",     "created_at"};
    static const std::vector<std::string_view> followups{
        "id", "session_id", "client_id", "contacted_at", "contacted_by", "outcome", "notes"};
    static const std::vector<std::string_view> flags{
        "level",      "rule",        "client_id",   "client",        "evidence_key",
        "at",         "evidence",    "guidance",    "source",        "report_ids",
        "session_ids", "reviewed_at", "reviewed_by", "review_action", "review_note"};
    static const std::vector<std::string_view> flag_reviews{
        "id", "rule", "client_id", "evidence_key", "reviewed_at", "reviewed_by", "action", "note"};
    static const std::vector<std::string_view> audit{
        "id",      "at",     "actor",   "os_user",  "action",   "entity",
        "entity_id", "client_id", "outcome", "detail", "prev_hash", "row_hash"};
    switch (table) {
    case Table::settings:
        return settings;
    case Table::flag_reviews:
        return flag_reviews;
    case Table::therapists:
        return therapists;
    case Table::clients:
        return clients;
    case Table::sessions:
        return sessions;
    case Table::reports:
        return reports;
    case Table::followups:
        return followups;
    case Table::flags:
        return flags;
    case Table::audit:
        break;
    }
    return audit;
}

} // namespace massagelog
