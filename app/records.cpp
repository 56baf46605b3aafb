#include "records.hpp"

#include <massagelog/exchange/exchange.hpp>

#include <massagelog/core/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace massagelog::app {

namespace {

// Tables show clinic time to the minute; CSV and JSON the full time with offset.
Cell time_cell(Instant t, const ClinicClock& clock, Format format)
{
    return Cell::val(format == Format::table ? clock.local_minutes(t) : clock.local_iso(t));
}

Cell opt_time_cell(const std::optional<Instant>& t, const ClinicClock& clock, Format format)
{
    return t ? time_cell(*t, clock, format) : Cell::null();
}

} // namespace

std::vector<std::string> session_columns()
{
    return {"id",       "started_at", "client_id", "client", "therapist_id", "therapist",
            "duration", "technique",  "pressure",  "regions", "notes",       "voided_at",
            "void_reason"};
}

std::vector<Cell> session_cells(const Session& s, const ClinicClock& clock, Format format)
{
    std::string regions;
    for (const auto& r : s.regions)
        regions += (regions.empty() ? "" : " ") + to_string(r);
    return {Cell::num(s.id),
            time_cell(s.started_at, clock, format),
            Cell::num(s.client_id),
            Cell::str(s.client_name),
            Cell::num(s.therapist_id),
            Cell::str(s.therapist_name),
            Cell::num(s.duration_min),
            Cell::val(s.technique),
            Cell::num(s.pressure),
            Cell::val(regions),
            Cell::opt(s.notes),
            opt_time_cell(s.voided_at, clock, format),
            Cell::opt(s.void_reason)};
}

std::vector<std::string> report_columns(Format format)
{
    std::vector<std::string> columns = {"id",       "session_id", "client_id", "client",
                                        "onset_at", "region",     "side",      "kind",
                                        "severity", "frequency",  "still_present", "resolved_at"};
    if (format == Format::table) {
        // Every symptom is yes, no or not recorded: the table names the yes
        // and the not-recorded ones, so a missing answer never reads as no.
        columns.insert(columns.end(), {"symptoms_yes", "not_recorded"});
    } else {
        for (auto name : k_symptom_names)
            columns.emplace_back(name);
    }
    columns.insert(columns.end(), {"reported_at", "source", "notes"});
    return columns;
}

std::vector<Cell> report_cells(const Report& r, const ClinicClock& clock, Format format)
{
    std::vector<Cell> cells = {
        Cell::num(r.id),
        Cell::num(r.session_id),
        Cell::num(r.client_id),
        Cell::str(r.client_name),
        time_cell(r.onset_at, clock, format),
        Cell::val(r.region),
        Cell::val(std::string(to_string(r.side))),
        Cell::val(std::string(to_string(r.kind))),
        Cell::num(r.severity),
        r.frequency ? Cell::val(std::string(to_string(*r.frequency))) : Cell::null(),
        Cell::tri(r.still_present),
        opt_time_cell(r.resolved_at, clock, format)};
    if (format == Format::table) {
        std::string yes, unknown;
        for (std::size_t i = 0; i < k_symptom_names.size(); ++i) {
            std::string& list = r.symptoms.values[i] == Tri::yes       ? yes
                                : r.symptoms.values[i] == Tri::unknown ? unknown
                                                                       : yes;
            if (r.symptoms.values[i] == Tri::no)
                continue;
            list += (list.empty() ? "" : ",") + std::string(k_symptom_names[i]);
        }
        cells.push_back(yes.empty() ? Cell::null() : Cell::val(yes));
        cells.push_back(unknown.empty() ? Cell::null() : Cell::val(unknown));
    } else {
        for (Tri t : r.symptoms.values)
            cells.push_back(Cell::tri(t));
    }
    cells.push_back(time_cell(r.reported_at, clock, format));
    cells.push_back(Cell::val(std::string(to_string(r.source))));
    cells.push_back(Cell::opt(r.notes));
    return cells;
}

namespace {

std::string id_list(const std::vector<std::int64_t>& ids)
{
    std::string out;
    for (auto id : ids)
        out += (out.empty() ? "" : " ") + std::to_string(id);
    return out;
}

} // namespace

std::vector<std::string> flag_columns()
{
    // The same columns as the flags CSV file (docs/csv.md).
    const auto& columns = csv_columns(Table::flags);
    return {columns.begin(), columns.end()};
}

std::vector<Cell> flag_cells(const Flag& f, const ClinicClock& clock, Format format)
{
    std::vector<Cell> cells = {Cell::val(std::string(to_string(f.level))),
                               Cell::val(f.rule),
                               Cell::num(f.client_id),
                               Cell::str(f.client_name),
                               Cell::val(f.evidence_key),
                               time_cell(f.at, clock, format),
                               Cell::str(f.evidence),
                               Cell::str(std::string(f.guidance)),
                               Cell::str(std::string(f.source)),
                               Cell::val(id_list(f.report_ids)),
                               Cell::val(id_list(f.session_ids))};
    if (f.review) {
        cells.push_back(time_cell(f.review->at, clock, format));
        cells.push_back(Cell::str(f.review->by));
        cells.push_back(Cell::val(std::string(to_string(f.review->action))));
        cells.push_back(Cell::opt(f.review->note));
    } else {
        cells.insert(cells.end(), 4, Cell::null());
    }
    return cells;
}

void print_standing_flags(std::ostream& out, const std::vector<Flag>& standing,
                          const ClinicClock& clock)
{
    if (standing.empty())
        return;
    out << fmt::format("Flags standing for this client ({}):\n", standing.size());
    for (const Flag& f : standing) {
        out << fmt::format("  {:<5}  {} [{}]: {}\n", to_upper(to_string(f.level)), f.rule,
                           f.evidence_key, visible(f.evidence));
        if (f.review)
            out << "         reviewed: " << visible(describe_review(*f.review, clock)) << '\n';
    }
}

void print_contraindications(std::ostream& out, const ContraCheck& check, std::int64_t client_id)
{
    std::vector<const Advice*> advised;
    if (!check.found.empty())
        out << "Health history checks:\n";
    for (const Contraindication& c : check.found) {
        out << fmt::format("  {:<5}  {}\n", to_upper(to_string(c.effect)), visible(describe(c)));
        if (std::find(advised.begin(), advised.end(), c.advice) == advised.end()) {
            advised.push_back(c.advice);
            out << "         guidance: " << c.advice->guidance << '\n'
                << "         source: " << c.advice->source << '\n';
        }
    }
    if (check.no_history)
        out << fmt::format("Health history: none recorded, so nothing is known of clots, "
                           "medication, pregnancy or sensation; ask, then 'massagelog client "
                           "health add {}'.\n",
                           client_id);
    else if (!check.not_asked.empty()) {
        std::string names;
        for (std::string_view q : check.not_asked)
            names += (names.empty() ? "" : ", ") + std::string(q);
        out << "Health history: not asked: " << names << ".\n";
    }
}

void print_health(std::ostream& out, const HealthStanding& health, const ClinicClock& clock)
{
    if (health.entries.empty()) {
        out << "none recorded: every question is not asked\n";
        return;
    }
    std::vector<std::pair<std::string, std::string>> fields;
    for (const HealthLine& line : health_lines(health))
        fields.push_back({line.question,
                          line.from ? fmt::format("{} ({})", line.answer,
                                                  clock.local_date(line.from->recorded_at))
                                    : line.answer});
    print_fields(out, fields);
}

void print_flag(std::ostream& out, const Flag& f, const ClinicClock& clock, bool colour,
                std::size_t width)
{
    std::string level = fmt::format("{:<5}", to_upper(to_string(f.level)));
    if (colour)
        level = (f.level == Level::refer ? "\x1b[1;31m" : "\x1b[33m") + level + "\x1b[0m";
    out << fmt::format("{}  {}  {} (client {})  [{}]\n", level, f.rule, visible(f.client_name),
                       f.client_id, f.evidence_key);
    // "  evidence: " and its kind are 12 columns; what follows wraps under it.
    auto line = [&](std::string_view label, std::string_view text) {
        out << "  " << label << std::string(10 - label.size(), ' ') << wrapped(text, 12, width)
            << '\n';
    };
    line("evidence:", f.evidence);
    line("guidance:", f.guidance);
    line("source:", f.source);
    if (f.review)
        line("review:", visible(describe_review(*f.review, clock)));
    else
        line("review:", fmt::format("{} (massagelog flags review {} {} {} --action ...)",
                                    f.earlier_reviews.empty() ? "none yet"
                                                              : "none since the new evidence",
                                    f.rule, f.client_id, f.evidence_key));
    for (auto r = f.earlier_reviews.rbegin(); r != f.earlier_reviews.rend(); ++r)
        line("before:", visible(describe_review(*r, clock)));
}

} // namespace massagelog::app
