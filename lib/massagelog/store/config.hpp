#pragma once
// Changing a clinic's settings: each value validated and the change audited.

#include <string>
#include <string_view>

namespace massagelog {

class Clinic;

// Validates and stores a value, audited, in one transaction.
void set_setting(Clinic& clinic, std::string_view key, std::string_view value);

enum class MachineZone { ignore, use };

// Records the clinic's time zone when a database is set up: the one --tz
// chose; else, with MachineZone::use and none stored yet, this machine's.
// Returns the zone in force.
std::string settle_clinic_zone(Clinic& clinic, MachineZone machine);

} // namespace massagelog
