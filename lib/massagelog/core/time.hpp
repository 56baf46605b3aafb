#pragma once
// Instants and the clinic's time zone. Instants are stored as UTC text
// (YYYY-MM-DDTHH:MM:SSZ); people type and read clinic local time.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace massagelog {

using Instant = std::chrono::sys_seconds;

// The one range of instants that entry, import and every reader accept:
// 1900-01-01T00:00:00Z .. 2199-12-31T23:59:59Z, as stored.
inline constexpr Instant k_earliest{std::chrono::seconds{-2208988800LL}};
inline constexpr Instant k_latest{std::chrono::seconds{7258118399LL}};
inline constexpr std::string_view k_earliest_text = "1900-01-01T00:00:00Z";
inline constexpr std::string_view k_latest_text = "2199-12-31T23:59:59Z";

// Formats an instant as stored: "2026-11-21T14:30:00Z".
std::string to_utc_text(Instant t);

// Parses the stored form; throws InputError naming `field` on anything else.
Instant from_utc_text(std::string_view text, std::string_view field = "timestamp");

// Looks up an IANA zone in the system tz database; throws InputError naming
// `field` when it does not exist.
const date::time_zone* find_zone(std::string_view name, std::string_view field = "zone");

// Whether `name` is a place of the tz database, `Area/Location` (Europe/Berlin,
// America/Argentina/Salta), or Etc/UTC (also written UTC): zones whose
// clocks follow the place's daylight saving. Abbreviations such as EST and
// fixed offsets such as Etc/GMT+5 are not: a clinic set to one would show
// summer times an hour off.
bool is_place_zone(std::string_view name);

// find_zone for a zone being chosen (--tz, config set clinic.timezone):
// also refuses, naming `field`, a name that is not a place.
const date::time_zone* find_place_zone(std::string_view name, std::string_view field = "zone");

// Every place zone of the tz database, sorted by name: the choices.
std::vector<std::string> place_zones();

// The instant "now": MASSAGELOG_NOW (any TIME form, read as UTC when it has
// no offset) when set, for reproducible scripts and tests; else the clock.
Instant current_instant();

// Which end of a day a bare date stands for: a --to filter means the end of
// that day, everything else its start.
enum class DateMeans { start_of_day, end_of_day };

// The clinic's zone and the current instant: parses TIME as typed on the
// command line or in CSV, and formats instants for people.
class ClinicClock {
public:
    ClinicClock(const date::time_zone* zone, Instant now);

    // Parses TIME (SPEC §4): "YYYY-MM-DD HH:MM[:SS]", the same with 'T',
    // with 'Z' or "+HH:MM", a bare date, "now", "today HH:MM",
    // "yesterday HH:MM". A local time in a DST gap or overlap is an
    // InputError that shows the offset form. Errors name `field`.
    // The instant must lie in the range every reader reads (k_earliest ..
    // k_latest, checked on its UTC value): 1900-01-01 00:00 in Berlin is
    // 1899 in UTC and is refused.
    Instant parse(std::string_view text, std::string_view field,
                  DateMeans bare_date = DateMeans::start_of_day) const;

    // "2026-11-21 14:30" in clinic time, for tables.
    std::string local_minutes(Instant t) const;
    // "2026-11-21T14:30:00+01:00", for CSV and JSON.
    std::string local_iso(Instant t) const;
    // "2026-11-21" in clinic time.
    std::string local_date(Instant t) const;

    // The clinic's wall-clock time at `t`, as seconds since the epoch.
    std::chrono::sys_seconds wall_time(Instant t) const { return t + offset_at(t); }

    const date::time_zone& zone() const { return *m_zone; }
    std::string zone_name() const;
    Instant now() const { return m_now; }

private:
    Instant parse_in_zone(std::string_view text, std::string_view field, DateMeans bare_date) const;
    // The zone's offset at `t`; remembers the span it holds for, since
    // exports and reports ask about many nearby instants.
    std::chrono::seconds offset_at(Instant t) const;

    const date::time_zone* m_zone;
    Instant m_now;
    mutable Instant m_span_begin{}, m_span_end{};
    mutable std::chrono::seconds m_span_offset{};
};

// "2026-11-21" + optional " 14:30" / "T14:30:00", for a local wall time
// given as seconds since the epoch; written without iostreams.
std::string format_wall_time(std::chrono::sys_seconds wall, char separator, bool with_seconds,
                             bool with_time = true);

// Parses a calendar date "YYYY-MM-DD" (birth dates); errors name `field`.
std::string parse_calendar_date(std::string_view text, std::string_view field);

} // namespace massagelog
