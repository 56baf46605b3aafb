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

class Clinic;


enum class SettingKind {
    zone,     // an IANA place zone (is_place_zone)
    number,   // a whole number from min to max
    day_list, // distinct days, comma-separated ("1,3,7")
    text      // one line of text (checked as names are), or empty
};

struct SettingSpec {
    std::string_view key;
    std::string_view default_value;
    std::string_view label;       // what it sets, in a few words, for a form
    std::string_view description; // what it does, in a sentence
    SettingKind kind = SettingKind::number;
    std::string_view unit;        // "days", "minutes"... (empty: none)
    long long min = 0, max = 0;   // a number's bounds, and a day list's

    // The value in stored form; throws InputError naming `field`.
    std::string normalise(std::string_view value, std::string_view field) const;
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

// The same three, read through the clinic's kept statement: for what runs
// at every request (the flags' thresholds, the clinic's zone).
std::string get_setting(Clinic& clinic, std::string_view key);
long long get_int_setting(Clinic& clinic, std::string_view key);
std::vector<int> get_int_list_setting(Clinic& clinic, std::string_view key);

} // namespace massagelog
