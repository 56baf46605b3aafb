// CSV import of the clients' health histories: each entry as it was
// recorded, checked by the rules of entry (SPEC 2).

#include "massagelog/core/catalog.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/exchange/common.hpp"
#include "massagelog/records/entry_checks.hpp"
#include "massagelog/records/health.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/row_insert.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <memory>

namespace massagelog::exchange {

RowImporter health_importer(Clinic& clinic)
{
    auto exists = std::make_shared<SQLite::Statement>(clinic.db(),
                                                      "SELECT 1 FROM health_history WHERE id = ?");
    auto client = std::make_shared<SQLite::Statement>(clinic.db(),
                                                      "SELECT 1 FROM clients WHERE id = ?");
    auto insert = std::make_shared<TableInsert<HealthEntry>>(clinic.db());
    auto future = std::make_shared<FutureLimit>(clinic);
    auto catalog = std::make_shared<Catalog>(clinic.db());
    const std::string today = clinic.clock().local_date(clinic.clock().now());
    auto at = [](std::string_view name) { return column_of(Table::health_history, name); };
    const std::size_t h_id = at("id"), h_client_id = at("client_id"),
                      h_recorded_at = at("recorded_at"), h_recorded_by = at("recorded_by"),
                      h_week = at("pregnancy_week"), h_sensation = at("sensation_regions"),
                      h_surgery_date = at("surgery_date"), h_surgery = at("surgery_regions"),
                      h_skin = at("skin_regions"), h_avoid = at("avoid_regions"),
                      h_pressure = at("preferred_pressure"), h_notes = at("notes");
    std::array<std::size_t, k_health_questions> h_answers{};
    for (const HealthQuestionSpec& q : health_questions())
        h_answers[static_cast<std::size_t>(q.question)] = at(q.column);
    return {[=, &clinic](const Row& row) {
                HealthEntry e;
                e.id = row.id(h_id);
                e.client_id = row.id(h_client_id);
                e.recorded_at = row.time(h_recorded_at, clinic.clock());
                future->check(e.recorded_at, row.label(h_recorded_at));
                e.recorded_by = required_line(row, h_recorded_by);
                for (std::size_t i = 0; i < k_health_questions; ++i)
                    e.answers[i] = row.tri(h_answers[i]);
                auto opt_int = [&](std::size_t column, long long lo, long long hi) {
                    return row.raw(column).empty()
                               ? std::nullopt
                               : std::optional(static_cast<int>(row.integer(column, lo, hi)));
                };
                auto areas = [&](std::size_t column) -> std::optional<std::vector<BodyArea>> {
                    if (row.raw(column).empty())
                        return std::nullopt;
                    return row.parse(column, [&](std::string_view field) {
                        return parse_areas(*catalog, row.raw(column), field);
                    });
                };
                e.pregnancy_week = opt_int(h_week, 1, 45);
                e.sensation_regions = areas(h_sensation);
                if (!row.raw(h_surgery_date).empty())
                    e.surgery_date = row.parse(h_surgery_date, [&](std::string_view field) {
                        return parse_calendar_date(row.raw(h_surgery_date), field);
                    });
                e.surgery_regions = areas(h_surgery);
                e.skin_regions = areas(h_skin);
                e.avoid_regions = areas(h_avoid);
                e.preferred_pressure = opt_int(h_pressure, 1, 5);
                e.notes = row.opt_text(h_notes);
                // Fields named as the file's columns.
                check_health_entry(e, today, [&](std::string_view name) {
                    std::string column(name);
                    if (name == "sensation_region" || name == "surgery_region" ||
                        name == "skin_region" || name == "avoid_region")
                        column += "s";
                    else if (name == "surgery_at")
                        column = "surgery_date";
                    return row.label(column);
                });
                client->reset();
                client->bind(1, e.client_id);
                if (!client->executeStep())
                    throw InputError(fmt::format("{} {}: no such client", row.label(h_client_id),
                                                 e.client_id),
                                     "import clients before their health histories");
                require_new_id(*exists, row, h_id, e.id, "health history entry");
                insert->insert(e);
            },
            {}};
}

} // namespace massagelog::exchange
