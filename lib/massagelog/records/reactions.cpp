#include "massagelog/records/reactions.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/columns.hpp"
#include "massagelog/records/entry_checks.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/rules/history.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <unordered_set>

namespace massagelog {

struct ReportWriter::State {
    Clinic& clinic;
    Catalog catalog;
    FutureLimit future;
    SQLite::Statement session, exists, insert;
    const Region* region = nullptr;
    Side side = Side::midline;
    Instant reported_at{};
    std::int64_t client_id = 0;
    std::optional<std::string> notes;

    explicit State(Clinic& c)
        : clinic(c), catalog(c.db()), future(c),
          session(c.db(), "SELECT s.client_id, s.started_at, s.voided_at, c.archived_at, c.name "
                         "FROM sessions s JOIN clients c ON c.id = s.client_id WHERE s.id = :id"),
          exists(c.db(), "SELECT 1 FROM reports WHERE id = :id"), insert(c.db(), R"sql(
INSERT INTO reports (id, session_id, client_id, reported_at, onset_at, region_id, side, kind,
                     severity, frequency, still_present, resolved_at, weakness, loss_of_control,
                     pain, fatigue, vision_changes, numbness, stiffness, source, notes, created_by,
                     created_at)
VALUES (:id, :session_id, :client_id, :reported_at, :onset_at, :region_id, :side, :kind,
        :severity, :frequency, :still_present, :resolved_at, :weakness, :loss_of_control, :pain,
        :fatigue, :vision_changes, :numbness, :stiffness, :source, :notes, :created_by,
        :created_at))sql")
    {
    }
};

ReportWriter::ReportWriter(Clinic& clinic) : m(std::make_unique<State>(clinic)) {}

ReportWriter::~ReportWriter() = default;

bool ReportWriter::exists(std::int64_t id)
{
    m->exists.reset();
    m->exists.bind(":id", id);
    return m->exists.executeStep();
}

std::int64_t ReportWriter::check(const ReportInput& in, EntryKind kind, const FieldLabel& label)
{
    const ClinicClock& clock = m->clinic.clock();
    if (in.severity < 1 || in.severity > 10)
        throw InputError(fmt::format("{} '{}' is not 1-10", label("severity"), in.severity),
                         "1 barely noticeable .. 10 worst imaginable").about(label("severity"));
    m->notes.reset();
    if (in.notes && !in.notes->empty())
        m->notes = checked_text(*in.notes, label("notes"), TextKind::note);
    m->reported_at = in.reported_at.value_or(clock.now());
    m->future.check(m->reported_at, label("reported_at"));
    m->future.check(in.onset_at, label("onset_at"));
    if (in.resolved_at)
        m->future.check(*in.resolved_at, label("resolved_at"));
    if (in.onset_at > m->reported_at)
        throw InputError(fmt::format("{} {} is after the report ({})", label("onset_at"),
                                     clock.local_minutes(in.onset_at),
                                     clock.local_minutes(m->reported_at)),
                         fmt::format("a reaction is reported after it starts; check {} and {}",
                                     label("onset_at"), label("reported_at"))).about(label("onset_at"));
    if (in.resolved_at) {
        if (*in.resolved_at < in.onset_at)
            throw InputError(fmt::format("{} {} is before the onset ({})", label("resolved_at"),
                                         clock.local_minutes(*in.resolved_at),
                                         clock.local_minutes(in.onset_at))).about(label("resolved_at"));
        if (*in.resolved_at > m->reported_at)
            throw InputError(fmt::format("{} {} is after the report ({})", label("resolved_at"),
                                         clock.local_minutes(*in.resolved_at),
                                         clock.local_minutes(m->reported_at))).about(label("resolved_at"));
        if (in.still_present == Tri::yes)
            throw InputError(fmt::format("{} yes contradicts {}", label("still_present"),
                                         label("resolved_at")),
                             "a resolved reaction is no longer present").about(label("still_present"));
    }
    auto& session = m->session;
    session.reset();
    session.bind(":id", in.session_id);
    if (!session.executeStep())
        throw InputError(fmt::format("{} {}: no such session", label("session_id"), in.session_id),
                         "see " + m->clinic.next(Next::list_sessions)).about(label("session_id"));
    std::int64_t client_id = session.getColumn(0).getInt64();
    m->client_id = client_id;
    Instant started = from_utc_text(session.getColumn(1).getText());
    if (kind == EntryKind::new_entry && !session.getColumn(2).isNull())
        throw InputError(fmt::format("{} {}: the session is voided", label("session_id"),
                                     in.session_id),
                         "reactions are recorded against sessions that took place").about(label("session_id"));
    // A reaction on an archived client's session would fire flags that no
    // list and no call shows.
    if (kind == EntryKind::new_entry && !session.getColumn(3).isNull())
        throw InputError(fmt::format("{} {}: client {} ({}) is archived", label("session_id"),
                                     in.session_id, client_id, session.getColumn(4).getString()),
                         fmt::format("unarchive the client first ({})",
                                     m->clinic.next(Next::unarchive_client,
                                                    std::to_string(client_id))))
            .about(label("session_id"));
    if (in.onset_at < started)
        throw InputError(fmt::format("{} {} is before session {} started ({})", label("onset_at"),
                                     clock.local_minutes(in.onset_at), in.session_id,
                                     clock.local_minutes(started))).about(label("onset_at"));
    m->region = &m->catalog.region(in.region.region, label("region"));
    m->side = in.region.side.value_or(m->region->default_side());
    // Stored history may hold a side that does not fit (db check warns of
    // it); an import carries it over, a new entry is refused.
    if (kind == EntryKind::new_entry)
        check_side(*m->region, m->side, label("region"));
    return client_id;
}

std::int64_t ReportWriter::insert(const ReportInput& in, const RecordMeta& meta)
{
    auto& q = m->insert;
    q.reset();
    q.clearBindings();
    if (meta.id)
        q.bind(":id", *meta.id);
    q.bind(":session_id", in.session_id);
    q.bind(":client_id", m->client_id);
    q.bind(":reported_at", to_utc_text(m->reported_at));
    q.bind(":onset_at", to_utc_text(in.onset_at));
    q.bind(":region_id", m->region->id);
    q.bind(":side", std::string(to_string(m->side)));
    q.bind(":kind", std::string(to_string(in.kind)));
    q.bind(":severity", in.severity);
    if (in.frequency)
        q.bind(":frequency", std::string(to_string(*in.frequency)));
    bind_tri(q, ":still_present", in.still_present);
    if (in.resolved_at)
        q.bind(":resolved_at", to_utc_text(*in.resolved_at));
    for (std::size_t i = 0; i < k_symptom_names.size(); ++i)
        bind_tri(q, ":" + std::string(k_symptom_names[i]), in.symptoms.values[i]);
    q.bind(":source", std::string(to_string(in.source)));
    if (m->notes)
        q.bind(":notes", *m->notes);
    q.bind(":created_by", meta.created_by);
    q.bind(":created_at", to_utc_text(meta.created_at));
    q.exec();
    return m->clinic.db().getLastInsertRowid();
}

std::int64_t add_report(Clinic& clinic, const ReportInput& in)
{
    return clinic.write([&] {
        ReportWriter writer(clinic);
        std::int64_t client_id = writer.check(in, EntryKind::new_entry, clinic.label());
        std::int64_t id = writer.insert(in, {std::nullopt, clinic.actor().name,
                                             clinic.clock().now(), std::nullopt, std::nullopt});
        nlohmann::json symptoms = nlohmann::json::object();
        for (std::size_t i = 0; i < k_symptom_names.size(); ++i)
            if (in.symptoms.values[i] != Tri::unknown)
                symptoms[std::string(k_symptom_names[i])] = to_string(in.symptoms.values[i]);
        SQLite::Statement stored(clinic.db(), "SELECT g.name, r.side, r.notes IS NOT NULL FROM "
                                              "reports r JOIN regions g ON g.id = r.region_id "
                                              "WHERE r.id = :id");
        stored.bind(":id", id);
        stored.executeStep();
        clinic.audit_row({"create", "report", id, client_id,
                      {{"session_id", in.session_id},
                       {"region", stored.getColumn(0).getString()},
                       {"side", stored.getColumn(1).getString()},
                       {"kind", to_string(in.kind)},
                       {"severity", in.severity},
                       {"symptoms", symptoms},
                       {"notes", stored.getColumn(2).getInt() != 0}}},
                         DigestTable::reports);
        return id;
    });
}

void each_report(Clinic& clinic, const ReportFilter& filter,
                 const std::function<void(const Report&)>& visit)
{
    constexpr const char* sql = R"sql(
SELECT r.id, r.session_id, s.client_id, c.name, s.started_at, r.reported_at, r.onset_at, g.name,
       r.side, r.kind, r.severity, r.frequency, r.still_present, r.resolved_at, r.weakness,
       r.loss_of_control, r.pain, r.fatigue, r.vision_changes, r.numbness, r.stiffness, r.source,
       r.notes, r.created_by
  FROM reports r
  JOIN sessions s ON s.id = r.session_id
  JOIN clients c ON c.id = s.client_id
  JOIN regions g ON g.id = r.region_id
 WHERE s.voided_at IS NULL
   {}
 ORDER BY r.onset_at, r.id)sql";
    // Open or not is the episodes' decision (history.cpp), bouts included:
    // a reaction that came back is open again.
    std::unordered_set<std::int64_t> open_reports;
    if (filter.open_only) {
        Catalog catalog(clinic.db());
        each_client_history(
            clinic, catalog, filter.client_id, clinic.clock().now(), std::chrono::days{0},
            [&](const ClientHistory& h) {
                for (const Episode& e : h.episodes)
                    if (Bout b = e.current_bout(); b.open())
                        for (const ReportFacts& r : b.reports)
                            open_reports.insert(r.id);
            },
            ArchivedClients::include);
    }
    SQLite::Statement q(clinic.db(),
                        fmt::format(sql, filter.client_id ? "AND r.client_id = :client_id" : ""));
    if (filter.client_id)
        q.bind(":client_id", *filter.client_id);
    while (q.executeStep()) {
        Report r;
        r.id = q.getColumn(0).getInt64();
        if (filter.open_only && !open_reports.contains(r.id))
            continue;
        r.session_id = q.getColumn(1).getInt64();
        r.client_id = q.getColumn(2).getInt64();
        r.client_name = q.getColumn(3).getString();
        r.session_started_at = from_utc_text(q.getColumn(4).getString());
        r.reported_at = from_utc_text(q.getColumn(5).getString());
        r.onset_at = from_utc_text(q.getColumn(6).getString());
        r.region = q.getColumn(7).getString();
        r.side = parse_enum<Side>(q.getColumn(8).getString(), "stored side");
        r.kind = parse_enum<ReactionKind>(q.getColumn(9).getString(), "stored kind");
        r.severity = q.getColumn(10).getInt();
        if (!q.getColumn(11).isNull())
            r.frequency = parse_enum<Frequency>(q.getColumn(11).getString(), "stored frequency");
        r.still_present = tri_column(q.getColumn(12));
        if (!q.getColumn(13).isNull())
            r.resolved_at = from_utc_text(q.getColumn(13).getString());
        for (std::size_t i = 0; i < k_symptom_names.size(); ++i)
            r.symptoms.values[i] = tri_column(q.getColumn(static_cast<int>(14 + i)));
        r.source = parse_enum<ReportSource>(q.getColumn(21).getString(), "stored source");
        if (!q.getColumn(22).isNull())
            r.notes = q.getColumn(22).getString();
        r.created_by = q.getColumn(23).getString();
        visit(r);
    }
}

} // namespace massagelog
