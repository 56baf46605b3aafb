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

// Where the columns an importer reads stand (exchange/tables.cpp).
struct SessionColumns {
    static std::size_t at(std::string_view name) { return column_of(Table::sessions, name); }
    std::size_t id = at("id"), started_at = at("started_at"), client_id = at("client_id"),
                therapist_id = at("therapist_id"), duration_min = at("duration_min"),
                technique = at("technique"), pressure = at("pressure"), regions = at("regions"),
                notes = at("notes"), created_by = at("created_by"), created_at = at("created_at"),
                voided_at = at("voided_at"), void_reason = at("void_reason");
};

struct ReportColumns {
    static std::size_t at(std::string_view name) { return column_of(Table::reports, name); }
    std::size_t id = at("id"), session_id = at("session_id"), client_id = at("client_id"),
                reported_at = at("reported_at"), onset_at = at("onset_at"),
                region = at("region"), side = at("side"), kind = at("kind"),
                severity = at("severity"), frequency = at("frequency"),
                still_present = at("still_present"), resolved_at = at("resolved_at"),
                source = at("source"), notes = at("notes"), created_by = at("created_by"),
                created_at = at("created_at");
    std::array<std::size_t, k_symptom_names.size()> symptoms = [] {
        std::array<std::size_t, k_symptom_names.size()> out{};
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] = at(k_symptom_names[i]);
        return out;
    }();
};

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
    return {[&clinic, writer, flush, s = SessionColumns{}](const Row& row) {
                const ClinicClock& clock = clinic.clock();
                RecordMeta meta = meta_of(row, s.id, s.created_by, s.created_at, clock);
                SessionInput in;
                in.client_id = row.id(s.client_id);
                in.therapist_id = row.id(s.therapist_id);
                in.started_at = row.time(s.started_at, clock);
                in.duration_min = static_cast<int>(row.integer(s.duration_min, 5, 480));
                in.technique = row.raw(s.technique);
                in.pressure = row.parse(s.pressure, [&](std::string_view f) {
                    return parse_pressure(row.raw(s.pressure), f);
                });
                in.regions = parse_regions(row, s.regions);
                in.notes = row.opt_text(s.notes);
                meta.voided_at = row.opt_time(s.voided_at, clock);
                meta.void_reason = row.opt_text(s.void_reason);
                if (meta.voided_at.has_value() != meta.void_reason.has_value())
                    throw InputError(
                        fmt::format("line {}: voided_at and void_reason go together", row.line()),
                        "a voided session needs both; a valid one neither");
                if (meta.void_reason)
                    checked_text(*meta.void_reason, row.label(s.void_reason), TextKind::note);
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
    return {[&clinic, writer, r = ReportColumns{}](const Row& row) {
                const ClinicClock& clock = clinic.clock();
                RecordMeta meta = meta_of(row, r.id, r.created_by, r.created_at, clock);
                ReportInput in;
                in.session_id = row.id(r.session_id);
                in.reported_at = row.time(r.reported_at, clock);
                in.onset_at = row.time(r.onset_at, clock);
                in.region.region = row.raw(r.region);
                in.region.side = row.parse(r.side, [&](std::string_view f) {
                    return parse_enum<Side>(row.raw(r.side), f);
                });
                in.kind = row.parse(r.kind, [&](std::string_view f) {
                    return parse_enum<ReactionKind>(row.raw(r.kind), f);
                });
                in.severity = static_cast<int>(row.integer(r.severity, 1, 10));
                if (!row.raw(r.frequency).empty())
                    in.frequency = row.parse(r.frequency, [&](std::string_view f) {
                        return parse_enum<Frequency>(row.raw(r.frequency), f);
                    });
                in.still_present = row.tri(r.still_present);
                in.resolved_at = row.opt_time(r.resolved_at, clock);
                for (std::size_t i = 0; i < k_symptom_names.size(); ++i)
                    in.symptoms.values[i] = row.tri(r.symptoms[i]);
                in.source = row.parse(r.source, [&](std::string_view f) {
                    return parse_enum<ReportSource>(row.raw(r.source), f);
                });
                in.notes = row.opt_text(r.notes);
                std::int64_t client = writer->check(in, EntryKind::history, row.labeller());
                if (row.id(r.client_id) != client)
                    throw InputError(fmt::format("{} {}: session {} belongs to client {}",
                                                 row.label(r.client_id), row.raw(r.client_id),
                                                 in.session_id, client));
                if (writer->exists(*meta.id))
                    throw InputError(taken_id(row.line(), row.name(r.id), *meta.id, "report"));
                writer->insert(in, meta);
            },
            {}};
}

} // namespace massagelog::exchange
