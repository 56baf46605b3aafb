// Correcting a client's or a therapist's details, and archiving a
// therapist. Clinical records are never edited here: a session or report
// entered wrongly is voided and entered again.

#include "massagelog/records/people.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/columns.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace massagelog {

namespace {

// `change` when given (an empty one clears the field), else `now`.
std::optional<std::string> changed(const std::optional<std::string>& now,
                                   const std::optional<std::string>& change)
{
    return change ? *change : now;
}

void note_change(std::vector<std::string>& fields, const char* name,
                 const std::optional<std::string>& before, const std::optional<std::string>& after)
{
    if (before != after)
        fields.push_back(name);
}

void require_some_change(const std::vector<std::string>& fields, std::string_view noun,
                         std::int64_t id)
{
    if (fields.empty())
        throw InputError(fmt::format("nothing to change: {} {} already has these details", noun, id),
                         "give the fields that differ");
}

} // namespace

std::vector<std::string> edit_client(Clinic& clinic, std::int64_t id, const ClientChange& change)
{
    return clinic.write([&] {
        Client now = require_client(clinic, id, "client");
        ClientInput wanted{change.name.value_or(now.name), changed(now.phone, change.phone),
                           changed(now.email, change.email),
                           changed(now.birth_date, change.birth_date),
                           changed(now.notes, change.notes)};
        ClientInput c = checked_client(wanted, clinic.clock().local_date(clinic.clock().now()),
                                       clinic.label());
        std::vector<std::string> fields;
        note_change(fields, "name", now.name, c.name);
        note_change(fields, "phone", now.phone, c.phone);
        note_change(fields, "email", now.email, c.email);
        note_change(fields, "birth_date", now.birth_date, c.birth_date);
        note_change(fields, "notes", now.notes, c.notes);
        require_some_change(fields, "client", id);
        std::string before = row_digest(clinic.db(), DigestTable::clients, id);
        SQLite::Statement update(clinic.db(),
                                 "UPDATE clients SET name = ?, phone = ?, email = ?, "
                                 "birth_date = ?, notes = ? WHERE id = ?");
        bind_row(update, c.name, c.phone, c.email, c.birth_date, c.notes, id);
        update.exec();
        // As when the client was added, the audit log names the fields, not
        // their personal contents.
        clinic.audit_row({"update", "client", id, id, {{"fields", fields}}}, DigestTable::clients,
                         before);
        return fields;
    });
}

std::vector<std::string> edit_therapist(Clinic& clinic, std::int64_t id,
                                        const TherapistChange& change)
{
    return clinic.write([&] {
        Therapist now = require_therapist(clinic, id, "therapist");
        TherapistInput t = checked_therapist(
            {change.name.value_or(now.name), changed(now.licence, change.licence)},
            clinic.label());
        std::vector<std::string> fields;
        note_change(fields, "name", now.name, t.name);
        note_change(fields, "licence", now.licence, t.licence);
        require_some_change(fields, "therapist", id);
        std::string before = row_digest(clinic.db(), DigestTable::therapists, id);
        SQLite::Statement update(clinic.db(),
                                 "UPDATE therapists SET name = ?, licence = ? WHERE id = ?");
        bind_row(update, t.name, t.licence, id);
        update.exec();
        nlohmann::json detail = {{"fields", fields}, {"name", t.name}, {"licence", nullptr}};
        if (t.licence)
            detail["licence"] = *t.licence;
        clinic.audit_row({"update", "therapist", id, std::nullopt, detail},
                         DigestTable::therapists, before);
        return fields;
    });
}

void archive_therapist(Clinic& clinic, std::int64_t id)
{
    clinic.write([&] {
        Therapist t = require_therapist(clinic, id, "therapist");
        if (!t.active)
            throw InputError(fmt::format("therapist {} is archived already", id));
        std::string before = row_digest(clinic.db(), DigestTable::therapists, id);
        SQLite::Statement update(clinic.db(), "UPDATE therapists SET active = 0 WHERE id = ?");
        bind_row(update, id);
        update.exec();
        clinic.audit_row({"archive", "therapist", id, std::nullopt, {{"fields", {"active"}}}},
                         DigestTable::therapists, before);
    });
}

void unarchive_client(Clinic& clinic, std::int64_t id)
{
    clinic.write([&] {
        Client c = require_client(clinic, id, "client");
        if (!c.archived_at)
            throw InputError(fmt::format("client {} is not archived", id));
        std::string before = row_digest(clinic.db(), DigestTable::clients, id);
        SQLite::Statement update(clinic.db(),
                                 "UPDATE clients SET archived_at = NULL WHERE id = ?");
        bind_row(update, id);
        update.exec();
        clinic.audit_row({"update", "client", id, id,
                          {{"fields", {"archived_at"}},
                           {"was_archived_at", to_utc_text(*c.archived_at)}}},
                         DigestTable::clients, before);
    });
}

} // namespace massagelog
