#include "massagelog/core/time.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/core/values.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace massagelog {

namespace {

using namespace std::chrono;

constexpr int k_min_year = 1900;
constexpr int k_max_year = 2199;

// A cursor over the text being parsed; every reader returns false without
// consuming on a mismatch.
struct Cursor {
    std::string_view text;
    std::size_t pos = 0;

    bool done() const { return pos == text.size(); }
    char peek() const { return done() ? '\0' : text[pos]; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++pos;
        return true;
    }
    bool digits(std::size_t n, int& value)
    {
        if (pos + n > text.size())
            return false;
        int v = 0;
        for (std::size_t i = 0; i < n; ++i) {
            char c = text[pos + i];
            if (c < '0' || c > '9')
                return false;
            v = v * 10 + (c - '0');
        }
        value = v;
        pos += n;
        return true;
    }
};

const char* k_time_forms = "use YYYY-MM-DD HH:MM, YYYY-MM-DDTHH:MM:SS, either with Z or +HH:MM, "
                           "a date, now, today HH:MM or yesterday HH:MM";

[[noreturn]] void bad_time(std::string_view field, std::string_view text, std::string_view why)
{
    throw InputError(fmt::format("{} {} {}", field, quote_value(text), why), k_time_forms).about(field);
}

struct ClockTime {
    int hour = 0, minute = 0, second = 0;
};

bool read_clock(Cursor& c, ClockTime& t)
{
    if (!c.digits(2, t.hour) || !c.take(':') || !c.digits(2, t.minute))
        return false;
    if (c.take(':') && !c.digits(2, t.second))
        return false;
    return true;
}

void check_clock(const ClockTime& t, std::string_view field, std::string_view text)
{
    if (t.hour > 23 || t.minute > 59 || t.second > 59)
        bad_time(field, text, "is not a valid time of day");
}

std::string offset_text(seconds offset)
{
    auto total = offset.count();
    char sign = total < 0 ? '-' : '+';
    total = total < 0 ? -total : total;
    return fmt::format("{}{:02}:{:02}", sign, total / 3600, (total % 3600) / 60);
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// Entry takes the years a record can hold; a stored time is read whatever
// its year, so that a row written before the range was checked can still be
// listed, shown, exported and voided (db check names it).
enum class Years { entry, any };

date::year_month_day read_date(Cursor& c, std::string_view field, std::string_view text,
                               Years years = Years::entry)
{
    int y = 0, m = 0, d = 0;
    if (!c.digits(4, y) || !c.take('-') || !c.digits(2, m) || !c.take('-') || !c.digits(2, d))
        bad_time(field, text, "is not a time");
    date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                             date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        bad_time(field, text, "is not a calendar date");
    if (years == Years::entry && (y < k_min_year || y > k_max_year))
        throw InputError(fmt::format("{} {} is out of range", field, quote_value(text)),
                         fmt::format("years {}..{} are accepted", k_min_year, k_max_year)).about(field);
    return ymd;
}

} // namespace

std::string to_utc_text(Instant t)
{
    // Without iostreams: export and demo call this millions of times.
    return format_wall_time(t, 'T', true) + 'Z';
}

Instant from_utc_text(std::string_view text, std::string_view field)
{
    // The stored form, read without building a calendar object: the hot path
    // of flags and exports.
    auto digit = [&](std::size_t i) { return static_cast<unsigned>(text[i] - '0'); };
    if (text.size() == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' &&
        text[16] == ':' && text[19] == 'Z') {
        bool digits = true;
        for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
            digits = digits && digit(i) <= 9;
        if (digits) {
            int y = static_cast<int>(digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3));
            unsigned mo = digit(5) * 10 + digit(6), d = digit(8) * 10 + digit(9);
            unsigned h = digit(11) * 10 + digit(12), mi = digit(14) * 10 + digit(15),
                     se = digit(17) * 10 + digit(18);
            static constexpr unsigned k_month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            if (mo >= 1 && mo <= 12 && d >= 1 &&
                d <= (mo == 2 && !leap ? 28 : k_month_days[mo - 1]) && h < 24 && mi < 60 &&
                se < 60 && y >= k_min_year && y <= k_max_year) {
                // Days from 1970-01-01 (H. Hinnant's days_from_civil).
                int yy = y - (mo <= 2);
                int era = yy / 400;
                unsigned yoe = static_cast<unsigned>(yy - era * 400);
                unsigned mp = mo > 2 ? mo - 3 : mo + 9; // months from March
                unsigned doy = (153 * mp + 2) / 5 + d - 1;
                unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
                long long days = static_cast<long long>(era) * 146097 + doe - 719468;
                return Instant{seconds{days * 86400 + static_cast<long long>(h * 3600 + mi * 60 + se)}};
            }
        }
    }
    Cursor c{text};
    auto ymd = read_date(c, field, text, Years::any);
    ClockTime t;
    if (!c.take('T') || !read_clock(c, t) || !c.take('Z') || !c.done())
        bad_time(field, text, "is not a UTC timestamp YYYY-MM-DDTHH:MM:SSZ");
    check_clock(t, field, text);
    return date::sys_days{ymd} + hours{t.hour} + minutes{t.minute} + seconds{t.second};
}

const date::time_zone* find_zone(std::string_view name, std::string_view field)
{
    try {
        return date::locate_zone(std::string(name));
    } catch (const std::exception&) {
        throw InputError(fmt::format("{} {} is not a time zone in the tz database", field,
                                     quote_value(name)),
                         "use an IANA name such as Europe/Berlin or America/New_York").about(field);
    }
}

bool is_place_zone(std::string_view name)
{
    if (name == "UTC" || name == "Etc/UTC")
        return true;
    static constexpr std::string_view areas[] = {"Africa/", "America/", "Antarctica/", "Arctic/",
                                                 "Asia/",   "Atlantic/", "Australia/", "Europe/",
                                                 "Indian/", "Pacific/"};
    for (std::string_view area : areas)
        if (name.size() > area.size() && name.substr(0, area.size()) == area)
            return true;
    return false;
}

const date::time_zone* find_place_zone(std::string_view name, std::string_view field)
{
    const date::time_zone* zone = find_zone(name, field);
    if (!is_place_zone(name))
        throw InputError(fmt::format("{} {} is not a place's time zone: an abbreviation or a fixed "
                                     "offset does not follow daylight saving",
                                     field, quote_value(name)),
                         "use the IANA Area/Location name of the clinic's place, such as "
                         "America/New_York or Europe/Berlin")
            .about(field);
    return zone;
}

std::vector<std::string> place_zones()
{
    std::vector<std::string> out;
    for (const date::time_zone& z : date::get_tzdb().zones)
        if (is_place_zone(z.name()))
            out.push_back(z.name());
    std::sort(out.begin(), out.end());
    return out;
}

Instant current_instant()
{
    if (const char* pinned = std::getenv("MASSAGELOG_NOW"); pinned && *pinned) {
        ClinicClock utc(date::locate_zone("Etc/UTC"), Instant{});
        return utc.parse(pinned, "MASSAGELOG_NOW");
    }
    return floor<seconds>(system_clock::now());
}

ClinicClock::ClinicClock(const date::time_zone* zone, Instant now) : m_zone(zone), m_now(now) {}

std::string ClinicClock::zone_name() const
{
    return std::string(m_zone->name());
}

Instant ClinicClock::parse(std::string_view raw, std::string_view field, DateMeans bare_date) const
{
    Instant t = parse_in_zone(raw, field, bare_date);
    if (t < k_earliest || t > k_latest)
        throw InputError(fmt::format("{} {} is {} in UTC, outside the times a record can hold",
                                     field, quote_value(trim(raw)), to_utc_text(t)),
                         fmt::format("times from {} to {} (UTC) are accepted", k_earliest_text,
                                     k_latest_text)).about(field);
    return t;
}

Instant ClinicClock::parse_in_zone(std::string_view raw, std::string_view field,
                                   DateMeans bare_date) const
{
    std::string_view text = trim(raw);
    std::string lowered = to_lower(text);
    if (text.empty())
        bad_time(field, raw, "is empty");
    if (lowered == "now")
        return m_now;

    date::local_days day{};
    ClockTime clock;
    bool has_clock = false;
    std::optional<seconds> offset;
    Cursor c{text};

    auto today = floor<date::days>(m_zone->to_local(m_now));
    if (lowered.rfind("today", 0) == 0 || lowered.rfind("yesterday", 0) == 0) {
        bool is_today = lowered[0] == 't';
        day = is_today ? today : today - date::days{1};
        c.pos = is_today ? 5 : 9;
        if (!c.done()) {
            if (!c.take(' ') || !read_clock(c, clock) || !c.done())
                bad_time(field, raw, "is not a time");
            has_clock = true;
        }
    } else {
        day = date::local_days{read_date(c, field, raw)};
        if (!c.done()) {
            if (!(c.take(' ') || c.take('T') || c.take('t')) || !read_clock(c, clock))
                bad_time(field, raw, "is not a time");
            has_clock = true;
            if (c.take('Z') || c.take('z')) {
                offset = seconds{0};
            } else if (c.peek() == '+' || c.peek() == '-') {
                int sign = c.peek() == '-' ? -1 : 1;
                ++c.pos;
                int oh = 0, om = 0;
                if (!c.digits(2, oh) || !c.take(':') || !c.digits(2, om) || oh > 18 || om > 59)
                    bad_time(field, raw, "has an offset that is not +HH:MM");
                offset = seconds{sign * (oh * 3600 + om * 60)};
            }
            if (!c.done())
                bad_time(field, raw, "is not a time");
        }
    }
    check_clock(clock, field, raw);

    if (!has_clock && bare_date == DateMeans::end_of_day)
        day += date::days{1};
    date::local_seconds local =
        day + hours{clock.hour} + minutes{clock.minute} + seconds{clock.second};
    if (offset)
        return Instant{local.time_since_epoch() - *offset};

    auto info = m_zone->get_info(local);
    switch (info.result) {
    case date::local_info::unique:
        return Instant{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent: {
        if (!has_clock) // midnight skipped by DST: the day starts when the clocks jump
            return info.first.end;
        auto gap = info.second.offset - info.first.offset;
        std::string meant = date::format("%Y-%m-%d %H:%M", local + gap) + offset_text(info.second.offset);
        throw InputError(
            fmt::format("{} {} does not exist in {}: the clocks jump from {} to {} that day",
                        field, quote_value(raw), zone_name(),
                        date::format("%H:%M", info.first.end + info.first.offset),
                        date::format("%H:%M", info.first.end + info.second.offset)),
            fmt::format("give the offset explicitly, e.g. '{}'", meant)).about(field);
    }
    case date::local_info::ambiguous: {
        if (!has_clock)
            return Instant{local.time_since_epoch() - info.first.offset};
        auto stamp = date::format("%Y-%m-%d %H:%M", local);
        throw InputError(
            fmt::format("{} {} happens twice in {} (the clocks go back that day)", field,
                        quote_value(raw), zone_name()),
            fmt::format("give the offset: '{}{}' for the first, '{}{}' for the second", stamp,
                        offset_text(info.first.offset), stamp, offset_text(info.second.offset))).about(field);
    }
    }
    bad_time(field, raw, "could not be placed in the time zone");
}

std::chrono::seconds ClinicClock::offset_at(Instant t) const
{
    if (t >= m_span_begin && t < m_span_end)
        return m_span_offset;
    auto info = m_zone->get_info(t);
    m_span_begin = info.begin;
    m_span_end = info.end;
    m_span_offset = info.offset;
    return m_span_offset;
}

std::string format_wall_time(sys_seconds wall, char separator, bool with_seconds, bool with_time)
{
    // Digit by digit: exports format two or three of these per row.
    auto day = floor<date::days>(wall);
    date::year_month_day ymd{day};
    auto secs = (wall - day).count();
    char buf[20];
    auto put = [&](int at, long long value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            buf[at + i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, static_cast<int>(ymd.year()), 4);
    buf[4] = '-';
    put(5, static_cast<unsigned>(ymd.month()), 2);
    buf[7] = '-';
    put(8, static_cast<unsigned>(ymd.day()), 2);
    if (!with_time)
        return std::string(buf, 10);
    buf[10] = separator;
    put(11, secs / 3600, 2);
    buf[13] = ':';
    put(14, secs / 60 % 60, 2);
    if (!with_seconds)
        return std::string(buf, 16);
    buf[16] = ':';
    put(17, secs % 60, 2);
    return std::string(buf, 19);
}

std::string ClinicClock::local_minutes(Instant t) const
{
    return format_wall_time(t + offset_at(t), ' ', false);
}

std::string ClinicClock::local_iso(Instant t) const
{
    auto offset = offset_at(t);
    return format_wall_time(t + offset, 'T', true) + offset_text(offset);
}

std::string ClinicClock::local_date(Instant t) const
{
    return format_wall_time(t + offset_at(t), ' ', false, false);
}

std::string parse_calendar_date(std::string_view raw, std::string_view field)
{
    std::string_view text = trim(raw);
    Cursor c{text};
    int y = 0, m = 0, d = 0;
    if (!c.digits(4, y) || !c.take('-') || !c.digits(2, m) || !c.take('-') || !c.digits(2, d) ||
        !c.done())
        throw InputError(fmt::format("{} {} is not a date", field, quote_value(raw)),
                         "use YYYY-MM-DD").about(field);
    date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                             date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        throw InputError(fmt::format("{} {} is not a calendar date", field, quote_value(raw)),
                         "use YYYY-MM-DD").about(field);
    if (y < k_min_year || y > k_max_year)
        throw InputError(fmt::format("{} {} is out of range", field, quote_value(raw)),
                         fmt::format("years {}..{} are accepted", k_min_year, k_max_year)).about(field);
    return std::string(text);
}

} // namespace massagelog
