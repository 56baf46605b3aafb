// CSV export and import of therapists and clients.

#include "massagelog/store/clinic.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/exchange/common.hpp"
#include "massagelog/records/people.hpp"
#include "massagelog/store/row_insert.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace massagelog::exchange {

RowImporter therapist_importer(Clinic& clinic)
{
    auto exists = std::make_shared<SQLite::Statement>(clinic.db(),
                                                      "SELECT 1 FROM therapists WHERE id = ?");
    auto insert = std::make_shared<TableInsert<Therapist>>(clinic.db());
    auto at = [](std::string_view name) { return column_of(Table::therapists, name); };
    const std::size_t t_id = at("id"), t_name = at("name"), t_licence = at("licence"),
        t_active = at("active"), t_created_at = at("created_at");
    return {
        [=, &clinic](const Row& row) {
            std::int64_t id = row.id(t_id);
            auto t = checked_therapist({row.text(t_name), row.opt_text(t_licence)}, row.labeller());
            Tri active = row.tri(t_active);
            if (active == Tri::unknown)
                throw InputError(fmt::format("{} '' is empty", row.label(t_active)),
                                 "use yes or no");
            Instant created = row.time(t_created_at, clinic.clock());
            require_new_id(*exists, row, t_id, id, "therapist");
            insert->insert({id, t.name, t.licence, active == Tri::yes, created});
        },
        {}};
}

RowImporter client_importer(Clinic& clinic)
{
    auto exists = std::make_shared<SQLite::Statement>(clinic.db(),
                                                      "SELECT 1 FROM clients WHERE id = ?");
    auto insert = std::make_shared<TableInsert<Client>>(clinic.db());
    std::string today = clinic.clock().local_date(clinic.clock().now());
    auto at = [](std::string_view name) { return column_of(Table::clients, name); };
    const std::size_t c_id = at("id"), c_name = at("name"), c_phone = at("phone"),
        c_email = at("email"), c_birth_date = at("birth_date"), c_notes = at("notes"),
        c_created_at = at("created_at"), c_archived_at = at("archived_at");
    return {[=, &clinic](const Row& row) {
                std::int64_t id = row.id(c_id);
                ClientInput in{row.text(c_name), row.opt_text(c_phone), row.opt_text(c_email),
                               row.opt_text(c_birth_date), row.opt_text(c_notes)};
                ClientInput c = checked_client(in, today, row.labeller());
                Instant created = row.time(c_created_at, clinic.clock());
                auto archived = row.opt_time(c_archived_at, clinic.clock());
                require_new_id(*exists, row, c_id, id, "client");
                insert->insert({id, c.name, c.phone, c.email, c.birth_date, c.notes, created,
                                 archived});
            },
            {}};
}

} // namespace massagelog::exchange
