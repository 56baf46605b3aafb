#include "massagelog/store/config.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/settings.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <date/tz.h>
#include <fmt/format.h>

namespace massagelog {

void set_setting(Clinic& clinic, std::string_view key, std::string_view value)
{
    const SettingSpec& spec = setting_spec(key);
    key = spec.key;
    std::string stored = spec.normalise(value, fmt::format("value for {}", key));
    clinic.write([&] {
        std::string before = get_setting(clinic.db(), key);
        if (key == "persist.watch_days" || key == "persist.refer_days") {
            long long watch = std::stoll(key == "persist.watch_days" ? stored
                                             : get_setting(clinic.db(), "persist.watch_days"));
            long long refer = std::stoll(key == "persist.refer_days" ? stored
                                             : get_setting(clinic.db(), "persist.refer_days"));
            if (watch >= refer)
                throw InputError(fmt::format("persist.watch_days ({}) must be less than "
                                             "persist.refer_days ({})",
                                             watch, refer));
        }
        SQLite::Statement upsert(clinic.db(),
                                 "INSERT INTO settings (key, value) VALUES (:key, :value) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        upsert.bind(":key", std::string(key));
        upsert.bind(":value", stored);
        upsert.exec();
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
            throw InputError(fmt::format("--tz {}: this clinic's time zone is {}, and init does not "
                                         "change it",
                                         clinic.clock().zone_name(), current),
                             fmt::format("to change it, 'massagelog config set clinic.timezone {}' "
                                         "(audited)",
                                         clinic.clock().zone_name()));
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
