// Episodes and their bouts: how a reaction's reports are read over time
// (history.hpp). Reading them from the database is history.cpp's.

#include "massagelog/rules/history.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace massagelog {

namespace {

// The bout that starts at reports[first]. It takes the reports that follow
// until one whose onset is after the bout's resolution. Reports told at the
// same instant are read as one: a report that says the reaction is still
// present reopens the bout, of two resolutions the earlier one stands, and
// when reports of one instant disagree the bout stays open.
Bout bout_from(std::span<const ReportFacts> reports, std::size_t first, std::size_t number)
{
    Bout b;
    b.number = number;
    b.onset = reports[first].onset_at;
    std::size_t i = first;
    while (i < reports.size()) {
        std::optional<Instant> closes;
        const ReportFacts* present = nullptr;
        const ReportFacts* gone = nullptr;
        bool resolution_known = false;
        std::size_t end = i;
        for (; end < reports.size() && reports[end].reported_at == reports[i].reported_at; ++end) {
            const ReportFacts& r = reports[end];
            if (end > first && b.closed_at && r.onset_at > *b.closed_at)
                break; // the reaction came back: the next bout starts here
            b.onset = std::min(b.onset, r.onset_at);
            std::optional<Instant> c = r.resolved_at;
            if (!c && r.still_present == Tri::no)
                c = r.reported_at;
            if (c) {
                if (!closes || *c < *closes)
                    resolution_known = r.resolved_at.has_value();
                closes = closes ? std::min(*closes, *c) : *c;
                gone = gone ? gone : &r;
            } else if (r.still_present == Tri::yes) {
                present = present ? present : &r;
            }
        }
        if (end == i)
            break;
        if (present && gone) {
            b.closed_at.reset();
            b.conflict = PresenceConflict{present->id, gone->id, present->reported_at};
        } else if (closes) {
            if (!b.closed_at || *closes < *b.closed_at) {
                b.closed_at = closes;
                b.resolution_known = resolution_known;
            }
            b.conflict.reset();
        } else if (present) {
            b.closed_at.reset();
            b.conflict.reset();
        }
        i = end;
    }
    b.reports = reports.subspan(first, i - first);
    return b;
}

} // namespace

const ReportFacts* Bout::last_said_present() const
{
    for (auto r = reports.rbegin(); r != reports.rend(); ++r)
        if (r->still_present == Tri::yes)
            return &*r;
    return nullptr;
}

Instant Episode::onset() const
{
    Instant first = reports.front().onset_at;
    for (const auto& r : reports)
        first = std::min(first, r.onset_at);
    return first;
}

std::vector<Bout> Episode::bouts() const
{
    std::vector<Bout> out;
    for (std::size_t next = 0; next < reports.size(); next += out.back().reports.size())
        out.push_back(bout_from(reports, next, out.size() + 1));
    return out;
}

Bout Episode::current_bout() const
{
    Bout b = bout_from(reports, 0, 1);
    for (std::size_t next = b.reports.size(); next < reports.size(); next += b.reports.size())
        b = bout_from(reports, next, b.number + 1);
    return b;
}

std::string Episode::current_bout_key() const
{
    return current_bout().key(key());
}

std::string Bout::key(const std::string& episode_key) const
{
    return number == 1 ? episode_key : fmt::format("{}/bout{}", episode_key, number);
}

Instant SessionVisit::started_at() const
{
    return from_utc_text(std::string_view(started.data(), started.size()));
}

Instant Episode::latest_report() const
{
    return reports.back().reported_at;
}

ClientHistory::ClientHistory(const ClientHistory& other)
    : client_id(other.client_id), episodes(other.episodes), reports(other.reports),
      sessions(other.sessions)
{
    for (auto& e : episodes)
        e.reports = {reports.data() + (e.reports.data() - other.reports.data()), e.reports.size()};
}

ClientHistory& ClientHistory::operator=(const ClientHistory& other)
{
    if (this != &other)
        *this = ClientHistory(other);
    return *this;
}

std::string Episode::key() const
{
    return fmt::format("s{}:{}:{}", session_id, region->name, to_string(side));
}

} // namespace massagelog
