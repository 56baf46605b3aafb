#include "massagelog/records/archive.hpp"

#include "massagelog/store/clinic.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/records/people.hpp"
#include "massagelog/records/point_of_care.hpp"
#include "massagelog/core/values.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace massagelog {

void archive_client(Clinic& clinic, std::int64_t id,
                    const std::optional<std::string>& despite_flags_reason)
{
    std::optional<std::string> reason = despite_reason(clinic, despite_flags_reason);
    clinic.write([&] {
        Client c = require_client(clinic, id, "client");
        if (c.archived_at)
            throw InputError(fmt::format("client {} was archived already on {}", id,
                                         clinic.clock().local_minutes(*c.archived_at)));
        std::vector<Flag> standing = unreviewed_refer_flags(clinic, id);
        std::vector<const Flag*> overridden;
        for (const Flag& f : standing)
            overridden.push_back(&f);
        if (!standing.empty() && !reason) {
            throw InputError(
                fmt::format("client {} has {} unreviewed refer flag{}: {}", id, standing.size(),
                            standing.size() == 1 ? "" : "s", list_flags(overridden)),
                fmt::format("archiving would hide them; review them first ({}), or archive anyway "
                            "with {} {} TEXT",
                            clinic.next(Next::client_flags, std::to_string(id)),
                            clinic.label("despite_flags"), clinic.label("reason")));
        }
        std::string before = row_digest(clinic.db(), DigestTable::clients, id);
        SQLite::Statement update(clinic.db(),
                                 "UPDATE clients SET archived_at = :at WHERE id = :id");
        update.bind(":at", to_utc_text(clinic.clock().now()));
        update.bind(":id", id);
        update.exec();
        nlohmann::json detail = {{"fields", {"archived_at"}}};
        if (!standing.empty()) {
            detail["despite_flags"] = overridden_flags(overridden);
            detail["reason"] = *reason;
        }
        clinic.audit_row({"archive", "client", id, id, detail}, DigestTable::clients, before);
    });
}

} // namespace massagelog
