#include "massagelog/store/settings.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"
#include "massagelog/store/clinic.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>

namespace massagelog {

namespace {

std::vector<int> parse_day_list(std::string_view value, std::string_view field, long long min,
                                long long max)
{
    std::vector<int> days;
    std::size_t start = 0;
    while (start <= value.size()) {
        auto comma = value.find(',', start);
        auto item = value.substr(start, comma == std::string_view::npos ? value.npos : comma - start);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        days.push_back(static_cast<int>(parse_int(item, field, min, max)));
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    std::sort(days.begin(), days.end());
    if (std::adjacent_find(days.begin(), days.end()) != days.end())
        throw InputError(fmt::format("{} {} names a day twice", field, quote_value(value)),
                         "use distinct days, e.g. 1,3,7").about(field);
    return days;
}

std::string day_list_value(std::string_view value, std::string_view field, long long min,
                           long long max)
{
    std::string out;
    for (int d : parse_day_list(value, field, min, max))
        out += (out.empty() ? "" : ",") + std::to_string(d);
    return out;
}

} // namespace

std::string SettingSpec::normalise(std::string_view value, std::string_view field) const
{
    switch (kind) {
    case SettingKind::zone:
        find_place_zone(value, field);
        return value == "UTC" ? "Etc/UTC" : std::string(value); // as the tz database lists it
    case SettingKind::number:
        return std::to_string(parse_int(value, field, min, max));
    case SettingKind::day_list:
        return day_list_value(value, field, min, max);
    case SettingKind::text:
        return value.empty() ? std::string() : checked_text(value, field, TextKind::line);
    }
    return std::string(value);
}

const std::vector<SettingSpec>& setting_specs()
{
    using K = SettingKind;
    static const std::vector<SettingSpec> specs = {
        {"clinic.name", "", "Clinic name",
         "the clinic's name as referral letters and FHIR documents give it (empty: not named)",
         K::text, "", 0, 0},
        {"clinic.timezone", "Etc/UTC", "Clinic time zone",
         "the clinic's IANA time zone; times are typed and shown in it", K::zone, "", 0, 0},
        {"persist.watch_days", "3", "Watch a reaction still open after",
         "an episode open longer than this many days is watched", K::number, "days", 1, 365},
        {"persist.refer_days", "14", "Refer a reaction still open after",
         "an episode open longer than this many days is referred", K::number, "days", 1, 365},
        {"recur.count", "3", "Refer reactions that follow this many sessions",
         "reactions after this many distinct sessions in the window are referred", K::number,
         "sessions", 2, 100},
        {"recur.window_days", "90", "Within a span of",
         "the span, in days, within which recur.count sessions are referred", K::number, "days",
         1, 3650},
        {"nerve.lookback_days", "7", "Nerve-risk look-back",
         "days before an onset in which deep or focal work on a nerve-risk region counts",
         K::number, "days", 1, 60},
        {"caution.anticoagulant_max_pressure", "2", "Highest pressure with blood thinners",
         "the highest pressure a session may use on a client who takes an anticoagulant or "
         "antiplatelet medicine",
         K::number, "pressure", 1, 4},
        {"caution.neuropathy_max_pressure", "2", "Highest pressure on a limb with reduced sensation",
         "the highest pressure a session may use on a limb with reduced sensation", K::number,
         "pressure", 1, 4},
        {"entry.future_minutes", "15", "Times accepted ahead of now",
         "how far past now a typed time may be (clock drift); later times are refused", K::number,
         "minutes", 0, 1440},
        {"followup.days", "1,3,7", "Check-in days after a deep or firm session",
         "days after a deep or firm session when a check-in is due", K::day_list,
         "days after the session", 1, 365},
        {"followup.open_every_days", "2", "Call about an open reaction every",
         "days between check-ins while an episode is open", K::number, "days", 1, 60},
        {"web.idle_minutes", "720", "Log out an idle web login after",
         "minutes after which an idle web login must log in again", K::number, "minutes", 5,
         10080},
    };
    return specs;
}

const SettingSpec& setting_spec(std::string_view key)
{
    if (key == "clinic.tz") // the short name people type
        key = "clinic.timezone";
    for (const auto& spec : setting_specs())
        if (spec.key == key)
            return spec;
    std::string known;
    for (const auto& spec : setting_specs())
        known += (known.empty() ? "" : ", ") + std::string(spec.key);
    throw InputError(fmt::format("setting {} does not exist", quote_value(key)), "known: " + known);
}

namespace {

constexpr const char* k_setting_sql = "SELECT value FROM settings WHERE key = :key";

// The stored value of `key` (or its default), read with `q`.
std::string setting_from(SQLite::Statement& q, const SettingSpec& spec)
{
    q.bind(":key", std::string(spec.key));
    if (q.executeStep())
        return q.getColumn(0).getString();
    return std::string(spec.default_value);
}

long long int_setting(const std::string& value, std::string_view key)
{
    return parse_int(value, fmt::format("setting {}", key), 0, 1'000'000);
}

std::vector<int> int_list_setting(const std::string& value, const SettingSpec& spec)
{
    return parse_day_list(value, fmt::format("setting {}", spec.key), spec.min, spec.max);
}

} // namespace

std::string get_setting(SQLite::Database& db, std::string_view key)
{
    SQLite::Statement q(db, k_setting_sql);
    return setting_from(q, setting_spec(key));
}

std::string get_setting(Clinic& clinic, std::string_view key)
{
    auto q = clinic.statement(k_setting_sql);
    return setting_from(*q, setting_spec(key));
}

long long get_int_setting(SQLite::Database& db, std::string_view key)
{
    return int_setting(get_setting(db, key), key);
}

long long get_int_setting(Clinic& clinic, std::string_view key)
{
    return int_setting(get_setting(clinic, key), key);
}

std::vector<int> get_int_list_setting(SQLite::Database& db, std::string_view key)
{
    return int_list_setting(get_setting(db, key), setting_spec(key));
}

std::vector<int> get_int_list_setting(Clinic& clinic, std::string_view key)
{
    return int_list_setting(get_setting(clinic, key), setting_spec(key));
}

} // namespace massagelog
