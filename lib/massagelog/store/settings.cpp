#include "massagelog/store/settings.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>

namespace massagelog {

namespace {

std::string zone_value(std::string_view value, std::string_view field)
{
    find_zone(value, field);
    return std::string(value);
}

template <long long Lo, long long Hi>
std::string int_value(std::string_view value, std::string_view field)
{
    return std::to_string(parse_int(value, field, Lo, Hi));
}

std::vector<int> parse_day_list(std::string_view value, std::string_view field)
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
        days.push_back(static_cast<int>(parse_int(item, field, 1, 365)));
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

std::string day_list_value(std::string_view value, std::string_view field)
{
    std::string out;
    for (int d : parse_day_list(value, field))
        out += (out.empty() ? "" : ",") + std::to_string(d);
    return out;
}

} // namespace

const std::vector<SettingSpec>& setting_specs()
{
    static const std::vector<SettingSpec> specs = {
        {"clinic.timezone", "Etc/UTC", "the clinic's IANA time zone; times are typed and shown in it",
         zone_value},
        {"persist.watch_days", "3", "an episode open longer than this many days is watched",
         int_value<1, 365>},
        {"persist.refer_days", "14", "an episode open longer than this many days is referred",
         int_value<1, 365>},
        {"recur.count", "3", "reactions after this many distinct sessions in the window are referred",
         int_value<2, 100>},
        {"recur.window_days", "90", "the span, in days, within which recur.count sessions are referred",
         int_value<1, 3650>},
        {"nerve.lookback_days", "7",
         "days before an onset in which deep or focal work on a nerve-risk region counts",
         int_value<1, 60>},
        {"caution.anticoagulant_max_pressure", "2",
         "the highest pressure a session may use on a client who takes an anticoagulant or "
         "antiplatelet medicine",
         int_value<1, 4>},
        {"caution.neuropathy_max_pressure", "2",
         "the highest pressure a session may use on a limb with reduced sensation",
         int_value<1, 4>},
        {"entry.future_minutes", "15",
         "how far past now a typed time may be (clock drift); later times are refused",
         int_value<0, 1440>},
        {"followup.days", "1,3,7", "days after a deep or firm session when a check-in is due",
         day_list_value},
        {"followup.open_every_days", "2", "days between check-ins while an episode is open",
         int_value<1, 60>},
        {"web.idle_minutes", "720", "minutes after which an idle web login must log in again",
         int_value<5, 10080>},
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

std::string get_setting(SQLite::Database& db, std::string_view key)
{
    const SettingSpec& spec = setting_spec(key);
    key = spec.key;
    SQLite::Statement q(db, "SELECT value FROM settings WHERE key = :key");
    q.bind(":key", std::string(key));
    if (q.executeStep())
        return q.getColumn(0).getString();
    return std::string(spec.default_value);
}

long long get_int_setting(SQLite::Database& db, std::string_view key)
{
    return parse_int(get_setting(db, key), fmt::format("setting {}", key), 0, 1'000'000);
}

std::vector<int> get_int_list_setting(SQLite::Database& db, std::string_view key)
{
    return parse_day_list(get_setting(db, key), fmt::format("setting {}", key));
}

} // namespace massagelog
