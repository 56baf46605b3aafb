// CSV export and import of sessions (with their regions) and reports.

#include "massagelog/core/catalog.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/exchange/common.hpp"
#include "massagelog/records/reactions.hpp"
#include "massagelog/records/sessions.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <array>

namespace massagelog::exchange {

namespace {

std::vector<RegionSpec> parse_regions(const Row& row, std::size_t s_regions)
{
    std::vector<RegionSpec> out;
    const std::string& cell = row.raw(s_regions);
    std::size_t start = 0;
    while (start < cell.size()) {
        auto space = cell.find(' ', start);
        if (space == std::string::npos)
            space = cell.size();
        if (space > start)
            out.push_back(row.parse(s_regions, [&](std::string_view f) {
                return parse_region_spec(std::string_view(cell).substr(start, space - start), f,
                                         RegionExtras::side_pressure_focal);
            }));
        start = space + 1;
    }
    return out;
}

RecordMeta meta_of(const Row& row, std::size_t id, std::size_t created_by, std::size_t created_at,
                   const ClinicClock& clock)
{
    RecordMeta meta;
    meta.id = row.id(id);
    meta.created_by = row.parse(created_by, [&](std::string_view f) {
        return checked_text(row.text(created_by), f, TextKind::line);
    });
    if (meta.created_by.empty())
        throw InputError(fmt::format("{} '' is empty", row.label(created_by)),
                         "name who entered the row");
    meta.created_at = row.time(created_at, clock);
    return meta;
}

} // namespace

RowImporter session_importer(Clinic& clinic, bool bulk, BulkDigest& digests)
{
    auto writer = std::make_shared<SessionWriter>(clinic);
    writer->digest_into(digests);
    if (bulk)
        writer->write_in_background();
    // The rows SQLite refused, by line.
    auto refusals = [](RowErrors& out) {
        return [&out](const SessionWriter::Refusal& r) {
            out.errors.emplace_back(r.tag, r.duplicate_id ? taken_id(r.tag, "id", *r.id, "session")
                                                          : refused_row(r.tag, r.message));
        };
    };
    auto flush = [writer, refusals](bool last) {
        RowErrors refused;
        if (last)
            writer->finish(refusals(refused));
        else
            writer->flush(refusals(refused));
        if (!refused.errors.empty())
            throw refused;
    };
    auto at = [](std::string_view name) { return column_of(Table::sessions, name); };
    const std::size_t s_id = at("id"), s_started_at = at("started_at"),
        s_client_id = at("client_id"), s_therapist_id = at("therapist_id"),
        s_duration_min = at("duration_min"), s_technique = at("technique"),
        s_pressure = at("pressure"), s_regions = at("regions"), s_notes = at("notes"),
        s_created_by = at("created_by"), s_created_at = at("created_at"),
        s_voided_at = at("voided_at"), s_void_reason = at("void_reason");
    return {[=, &clinic](const Row& row) {
                const ClinicClock& clock = clinic.clock();
                RecordMeta meta = meta_of(row, s_id, s_created_by, s_created_at, clock);
                SessionInput in;
                in.client_id = row.id(s_client_id);
                in.therapist_id = row.id(s_therapist_id);
                in.started_at = row.time(s_started_at, clock);
                in.duration_min = static_cast<int>(row.integer(s_duration_min, 5, 480));
                in.technique = row.raw(s_technique);
                in.pressure = row.parse(s_pressure, [&](std::string_view f) {
                    return parse_pressure(row.raw(s_pressure), f);
                });
                in.regions = parse_regions(row, s_regions);
                in.notes = row.opt_text(s_notes);
                meta.voided_at = row.opt_time(s_voided_at, clock);
                meta.void_reason = row.opt_text(s_void_reason);
                if (meta.voided_at.has_value() != meta.void_reason.has_value())
                    throw InputError(
                        fmt::format("line {}: voided_at and void_reason go together", row.line()),
                        "a voided session needs both; a valid one neither");
                if (meta.void_reason)
                    checked_text(*meta.void_reason, row.label(s_void_reason), TextKind::note);
                writer->check(in, EntryKind::history, row.labeller());
                // A taken id is found when the batch is written.
                writer->queue(in, meta, row.line());
                if (writer->queued() == SessionWriter::k_batch)
                    flush(false);
            },
            [flush] { flush(true); }};
}

RowImporter report_importer(Clinic& clinic)
{
    auto writer = std::make_shared<ReportWriter>(clinic);
    auto at = [](std::string_view name) { return column_of(Table::reports, name); };
    const std::size_t r_id = at("id"), r_session_id = at("session_id"),
        r_client_id = at("client_id"), r_reported_at = at("reported_at"),
        r_onset_at = at("onset_at"), r_region = at("region"), r_side = at("side"),
        r_kind = at("kind"), r_severity = at("severity"), r_frequency = at("frequency"),
        r_still_present = at("still_present"), r_resolved_at = at("resolved_at"),
        r_source = at("source"), r_notes = at("notes"), r_created_by = at("created_by"),
        r_created_at = at("created_at");
    std::array<std::size_t, k_symptom_names.size()> r_symptoms{};
    for (std::size_t i = 0; i < r_symptoms.size(); ++i)
        r_symptoms[i] = at(k_symptom_names[i]);
    return {[=, &clinic](const Row& row) {
                const ClinicClock& clock = clinic.clock();
                RecordMeta meta = meta_of(row, r_id, r_created_by, r_created_at, clock);
                ReportInput in;
                in.session_id = row.id(r_session_id);
                in.reported_at = row.time(r_reported_at, clock);
                in.onset_at = row.time(r_onset_at, clock);
                in.region.region = row.raw(r_region);
                in.region.side = row.parse(r_side, [&](std::string_view f) {
                    return parse_enum<Side>(row.raw(r_side), f);
                });
                in.kind = row.parse(r_kind, [&](std::string_view f) {
                    return parse_enum<ReactionKind>(row.raw(r_kind), f);
                });
                in.severity = static_cast<int>(row.integer(r_severity, 1, 10));
                if (!row.raw(r_frequency).empty())
                    in.frequency = row.parse(r_frequency, [&](std::string_view f) {
                        return parse_enum<Frequency>(row.raw(r_frequency), f);
                    });
                in.still_present = row.tri(r_still_present);
                in.resolved_at = row.opt_time(r_resolved_at, clock);
                for (std::size_t i = 0; i < k_symptom_names.size(); ++i)
                    in.symptoms.values[i] = row.tri(r_symptoms[i]);
                in.source = row.parse(r_source, [&](std::string_view f) {
                    return parse_enum<ReportSource>(row.raw(r_source), f);
                });
                in.notes = row.opt_text(r_notes);
                std::int64_t client = writer->check(in, EntryKind::history, row.labeller());
                if (row.id(r_client_id) != client)
                    throw InputError(fmt::format("{} {}: session {} belongs to client {}",
                                                 row.label(r_client_id), row.raw(r_client_id),
                                                 in.session_id, client));
                if (writer->exists(*meta.id))
                    throw InputError(taken_id(row.line(), row.name(r_id), *meta.id, "report"));
                writer->insert(in, meta);
            },
            {}};
}

} // namespace massagelog::exchange
