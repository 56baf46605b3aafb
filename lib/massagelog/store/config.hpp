#pragma once
// Changing a clinic's settings: each value validated and the change audited.

#include <string>
#include <string_view>

namespace SQLite {
class Database;
}

namespace massagelog {

class Clinic;

// Stores one setting's value as given (normalise it with its SettingSpec
// first): the one write of the settings table, for config set and an import.
void write_setting(SQLite::Database& db, std::string_view key, const std::string& value);

// Throws InputError when the stored settings contradict each other:
// persist.watch_days must be less than persist.refer_days.
void check_settings_agree(SQLite::Database& db);

// Validates and stores a value, audited, in one transaction.
void set_setting(Clinic& clinic, std::string_view key, std::string_view value);

enum class MachineZone { ignore, use };

// Records the clinic's time zone when a database is set up: the one --tz
// chose; else, with MachineZone::use and none stored yet, this machine's.
// Returns the zone in force.
std::string settle_clinic_zone(Clinic& clinic, MachineZone machine);

} // namespace massagelog
