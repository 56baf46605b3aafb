#pragma once
// Clinic settings (the settings table): the time zone, rule thresholds and
// follow-up days, each validated before it is stored.

#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace massagelog {


struct SettingSpec {
    std::string_view key;
    std::string_view default_value;
    std::string_view description;
    // Returns the value in stored form; throws InputError naming `field`.
    std::string (*normalise)(std::string_view value, std::string_view field);
};

// Every known setting, in display order.
const std::vector<SettingSpec>& setting_specs();

// The spec for `key`; throws InputError when there is none.
const SettingSpec& setting_spec(std::string_view key);

// The stored value, or the default. Throws InputError for an unknown key.
std::string get_setting(SQLite::Database& db, std::string_view key);

// A whole-number setting such as persist.watch_days.
long long get_int_setting(SQLite::Database& db, std::string_view key);

// A list setting such as followup.days ("1,3,7").
std::vector<int> get_int_list_setting(SQLite::Database& db, std::string_view key);

} // namespace massagelog
