// TIME parsing: any bytes either parse to an instant that survives the
// stored form, or are refused with an InputError; nothing else may happen.

#include <massagelog/core/error.hpp>
#include <massagelog/core/time.hpp>

#include <date/tz.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace massagelog;
    static const date::time_zone* zones[] = {date::locate_zone("America/New_York"),
                                             date::locate_zone("Europe/Berlin"),
                                             date::locate_zone("America/Santiago"),
                                             date::locate_zone("Australia/Lord_Howe")};
    if (size == 0)
        return 0;
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    ClinicClock clock(zones[data[0] % 4], from_utc_text("2026-11-21T15:00:00Z"));
    auto means = (data[0] & 0x10) ? DateMeans::end_of_day : DateMeans::start_of_day;
    try {
        Instant t = clock.parse(text, "--at", means);
        if (from_utc_text(to_utc_text(t)) != t)
            std::abort();
        (void)clock.local_iso(t);
        (void)clock.local_minutes(t);
    } catch (const InputError&) {
    }
    try {
        (void)parse_calendar_date(text, "--birth-date");
    } catch (const InputError&) {
    }
    return 0;
}
