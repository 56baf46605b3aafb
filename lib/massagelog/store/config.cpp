#include "massagelog/store/config.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/settings.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <date/tz.h>
#include <fmt/format.h>

namespace massagelog {

void write_setting(SQLite::Database& db, std::string_view key, const std::string& value)
{
    SQLite::Statement upsert(db, "INSERT INTO settings (key, value) VALUES (:key, :value) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    upsert.bind(":key", std::string(key));
    upsert.bind(":value", value);
    upsert.exec();
}

void check_settings_agree(SQLite::Database& db)
{
    long long watch = get_int_setting(db, "persist.watch_days");
    long long refer = get_int_setting(db, "persist.refer_days");
    if (watch >= refer)
        throw InputError(fmt::format("persist.watch_days ({}) must be less than "
                                     "persist.refer_days ({})",
                                     watch, refer));
}

void set_setting(Clinic& clinic, std::string_view key, std::string_view value)
{
    const SettingSpec& spec = setting_spec(key);
    key = spec.key;
    std::string stored = spec.normalise(value, fmt::format("value for {}", key));
    clinic.write([&] {
        std::string before = get_setting(clinic.db(), key);
        write_setting(clinic.db(), key, stored);
        check_settings_agree(clinic.db()); // refused: the transaction rolls back
        clinic.audit({"update", "setting", std::nullopt, std::nullopt,
                      {{"key", key}, {"from", before}, {"to", stored}}});
    });
}

std::string settle_clinic_zone(Clinic& clinic, MachineZone machine)
{
    std::string zone;
    SQLite::Statement stored(clinic.db(), "SELECT value FROM settings WHERE key = 'clinic.timezone'");
    bool has_zone = stored.executeStep();
    if (clinic.zone_from_flag() && has_zone) {
        // A clinic's zone changes only on purpose, audited: every local time
        // typed later is read in it.
        std::string current = stored.getColumn(0).getString();
        if (current != clinic.clock().zone_name())
            throw InputError(fmt::format("{} {}: this clinic's time zone is {}, and init does not "
                                         "change it",
                                         clinic.label("tz"), clinic.clock().zone_name(), current),
                             fmt::format("to change it, {} (audited)",
                                         clinic.next(Next::set_timezone, clinic.clock().zone_name())))
                .about(clinic.label("tz"));
        return current;
    }
    if (clinic.zone_from_flag()) {
        zone = clinic.clock().zone_name();
    } else if (machine == MachineZone::use) {
        if (!has_zone) {
            try {
                zone = std::string(date::current_zone()->name());
            } catch (const std::exception&) {
                zone = "Etc/UTC"; // no /etc/localtime: stay with the default
            }
        }
    }
    if (!zone.empty() && zone != get_setting(clinic.db(), "clinic.timezone"))
        set_setting(clinic, "clinic.timezone", zone);
    return get_setting(clinic.db(), "clinic.timezone");
}

} // namespace massagelog
