#include "massagelog/sessions.hpp"

#include "massagelog/catalog.hpp"
#include "massagelog/clinic.hpp"
#include "massagelog/error.hpp"
#include "massagelog/people.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <unordered_map>

namespace massagelog {

namespace {

// Regions as stored in one text column by the listing query:
// "neck:midline:4:1 shoulder:left:3:0".
std::vector<SessionRegion> parse_stored_regions(const std::string& text)
{
    std::vector<SessionRegion> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        std::string item = text.substr(start, end - start);
        auto c1 = item.find(':'), c2 = item.find(':', c1 + 1), c3 = item.find(':', c2 + 1);
        SessionRegion r;
        r.region = item.substr(0, c1);
        r.side = parse_enum<Side>(item.substr(c1 + 1, c2 - c1 - 1), "stored side");
        r.pressure = std::stoi(item.substr(c2 + 1, c3 - c2 - 1));
        r.focal = item.substr(c3 + 1) == "1";
        out.push_back(r);
        start = end + 1;
    }
    return out;
}

constexpr const char* k_session_select = R"sql(
SELECT s.id, s.client_id, c.name, s.therapist_id, t.name, s.started_at, s.duration_min,
       k.name, s.pressure, s.notes, s.created_by, s.voided_at, s.void_reason,
       (SELECT group_concat(r.name || ':' || sr.side || ':' || sr.pressure || ':' || sr.focal, ' ')
          FROM session_regions sr JOIN regions r ON r.id = sr.region_id
         WHERE sr.session_id = s.id)
  FROM sessions s
  JOIN clients c ON c.id = s.client_id
  JOIN therapists t ON t.id = s.therapist_id
  JOIN techniques k ON k.id = s.technique_id
)sql";

Session session_from(SQLite::Statement& q)
{
    Session s;
    s.id = q.getColumn(0).getInt64();
    s.client_id = q.getColumn(1).getInt64();
    s.client_name = q.getColumn(2).getString();
    s.therapist_id = q.getColumn(3).getInt64();
    s.therapist_name = q.getColumn(4).getString();
    s.started_at = from_utc_text(q.getColumn(5).getString());
    s.duration_min = q.getColumn(6).getInt();
    s.technique = q.getColumn(7).getString();
    s.pressure = q.getColumn(8).getInt();
    if (!q.getColumn(9).isNull())
        s.notes = q.getColumn(9).getString();
    s.created_by = q.getColumn(10).getString();
    if (!q.getColumn(11).isNull()) {
        s.voided_at = from_utc_text(q.getColumn(11).getString());
        s.void_reason = q.getColumn(12).getString();
    }
    if (!q.getColumn(13).isNull())
        s.regions = parse_stored_regions(q.getColumn(13).getString());
    return s;
}

} // namespace

std::string to_string(const SessionRegion& r)
{
    return fmt::format("{}:{}:{}{}", r.region, to_string(r.side), r.pressure,
                       r.focal ? ":focal" : "");
}

// A client or therapist as a session needs them: usable means not archived,
// or active.
struct Person {
    std::string name;
    bool usable = true;
};

struct SessionWriter::State {
    Clinic& clinic;
    // Looked up once each: an import names the same people many times.
    std::unordered_map<std::int64_t, std::optional<Person>> clients, therapists;
    Catalog catalog;
    SQLite::Statement client, therapist, exists, insert, add_region;
    std::int64_t technique_id = 0;
    std::string technique_name;
    std::vector<std::pair<const Region*, SessionRegion>> regions;
    std::optional<std::string> notes;
    // The insert's parameters by position, and the texts bound to them
    // without a copy: an import binds a million rows.
    struct {
        int id, client_id, therapist_id, started_at, duration_min, technique_id, pressure, notes,
            created_by, created_at, voided_at, void_reason;
    } at{};
    std::string started_text, created_text, voided_text;

    const Person* person(SQLite::Statement& query, std::unordered_map<std::int64_t, std::optional<Person>>& cache,
                         std::int64_t id)
    {
        auto [it, added] = cache.try_emplace(id);
        if (added) {
            query.reset();
            query.bind(":id", id);
            if (query.executeStep())
                it->second = Person{query.getColumn(0).getString(), query.getColumn(1).getInt() != 0};
        }
        return it->second ? &*it->second : nullptr;
    }

    explicit State(Clinic& c)
        : clinic(c), catalog(c.db()),
          client(c.db(), "SELECT name, archived_at IS NULL FROM clients WHERE id = :id"),
          therapist(c.db(), "SELECT name, active FROM therapists WHERE id = :id"),
          exists(c.db(), "SELECT 1 FROM sessions WHERE id = :id"),
          insert(c.db(), R"sql(
INSERT INTO sessions (id, client_id, therapist_id, started_at, duration_min, technique_id, pressure,
                      notes, created_by, created_at, voided_at, void_reason)
VALUES (:id, :client_id, :therapist_id, :started_at, :duration_min, :technique_id, :pressure,
        :notes, :created_by, :created_at, :voided_at, :void_reason))sql"),
          add_region(c.db(), "INSERT INTO session_regions (session_id, region_id, side, pressure, "
                             "focal) VALUES (?1, ?2, ?3, ?4, ?5)")
    {
        at = {insert.getIndex(":id"),           insert.getIndex(":client_id"),
              insert.getIndex(":therapist_id"), insert.getIndex(":started_at"),
              insert.getIndex(":duration_min"), insert.getIndex(":technique_id"),
              insert.getIndex(":pressure"),     insert.getIndex(":notes"),
              insert.getIndex(":created_by"),   insert.getIndex(":created_at"),
              insert.getIndex(":voided_at"),    insert.getIndex(":void_reason")};
    }
};

SessionWriter::SessionWriter(Clinic& clinic) : m(std::make_unique<State>(clinic)) {}

SessionWriter::~SessionWriter() = default;

void SessionWriter::check(const SessionInput& input, EntryKind kind, const FieldLabel& label)
{
    if (input.duration_min < 5 || input.duration_min > 480)
        throw InputError(fmt::format("{} '{}' is not 5-480 minutes", label("duration_min"),
                                     input.duration_min));
    if (input.pressure < 1 || input.pressure > 5)
        throw InputError(fmt::format("{} '{}' is not 1-5", label("pressure"), input.pressure),
                         "use 1 light, 2 moderate, 3 firm, 4 deep or 5 very-deep");
    m->notes.reset();
    if (input.notes && !input.notes->empty())
        m->notes = checked_text(*input.notes, label("notes"), TextKind::note);

    const Person* client = m->person(m->client, m->clients, input.client_id);
    if (!client)
        throw InputError(fmt::format("{} {}: no such client", label("client_id"), input.client_id),
                         "see 'massagelog client list'");
    if (kind == EntryKind::new_entry && !client->usable)
        throw InputError(fmt::format("{} {}: {} is archived", label("client_id"), input.client_id,
                                     client->name),
                         "archived clients take no new sessions");
    const Person* therapist = m->person(m->therapist, m->therapists, input.therapist_id);
    if (!therapist)
        throw InputError(fmt::format("{} {}: no such therapist", label("therapist_id"),
                                     input.therapist_id),
                         "see 'massagelog therapist list'");
    if (kind == EntryKind::new_entry && !therapist->usable)
        throw InputError(fmt::format("{} {}: {} is not active", label("therapist_id"),
                                     input.therapist_id, therapist->name));
    const Technique* technique = m->catalog.find_technique(input.technique);
    if (!technique)
        technique = &m->catalog.technique(input.technique, label("technique")); // throws
    m->technique_id = technique->id;
    m->technique_name = technique->name;

    m->regions.clear();
    for (const RegionSpec& spec : input.regions) {
        const Region* found = m->catalog.find_region(spec.region);
        const Region& region = found ? *found : m->catalog.region(spec.region, label("regions"));
        SessionRegion r{region.name, spec.side.value_or(region.default_side()),
                        spec.pressure.value_or(input.pressure), spec.focal};
        for (const auto& [_, seen] : m->regions)
            if (seen.region == r.region && seen.side == r.side)
                throw InputError(fmt::format("{} {}:{} is given twice", label("regions"), r.region,
                                             to_string(r.side)));
        m->regions.emplace_back(&region, r);
    }
}

std::int64_t SessionWriter::insert(const SessionInput& input, const RecordMeta& meta)
{
    auto& q = m->insert;
    const auto& at = m->at;
    q.reset();
    if (meta.id)
        q.bind(at.id, *meta.id);
    else
        q.bind(at.id);
    q.bind(at.client_id, input.client_id);
    q.bind(at.therapist_id, input.therapist_id);
    m->started_text = to_utc_text(input.started_at);
    q.bindNoCopy(at.started_at, m->started_text);
    q.bind(at.duration_min, input.duration_min);
    q.bind(at.technique_id, m->technique_id);
    q.bind(at.pressure, input.pressure);
    if (m->notes)
        q.bindNoCopy(at.notes, *m->notes);
    else
        q.bind(at.notes);
    q.bindNoCopy(at.created_by, meta.created_by);
    m->created_text = to_utc_text(meta.created_at);
    q.bindNoCopy(at.created_at, m->created_text);
    if (meta.voided_at) {
        m->voided_text = to_utc_text(*meta.voided_at);
        q.bindNoCopy(at.voided_at, m->voided_text);
        q.bind(at.void_reason, meta.void_reason.value_or(""));
    } else {
        q.bind(at.voided_at);
        q.bind(at.void_reason);
    }
    q.exec();
    std::int64_t id = m->clinic.db().getLastInsertRowid();
    auto& a = m->add_region;
    for (const auto& [region, r] : m->regions) {
        a.reset();
        a.bind(1, id);
        a.bind(2, region->id);
        // A side's name is a string literal (EnumNames<Side>): it outlives the
        // statement and ends in NUL.
        a.bindNoCopy(3, to_string(r.side).data());
        a.bind(4, r.pressure);
        a.bind(5, r.focal ? 1 : 0);
        a.exec();
    }
    return id;
}

std::vector<SessionRegion> SessionWriter::regions() const
{
    std::vector<SessionRegion> out;
    for (const auto& [_, r] : m->regions)
        out.push_back(r);
    return out;
}

const std::string& SessionWriter::technique_name() const
{
    return m->technique_name;
}

bool SessionWriter::has_notes() const
{
    return m->notes.has_value();
}

bool SessionWriter::exists(std::int64_t id)
{
    m->exists.reset();
    m->exists.bind(":id", id);
    return m->exists.executeStep();
}

std::int64_t add_session(Clinic& clinic, const SessionInput& input)
{
    return clinic.write([&] {
        SessionWriter writer(clinic);
        writer.check(input, EntryKind::new_entry, flag_label);
        std::int64_t id = writer.insert(input, {std::nullopt, clinic.actor().name,
                                                clinic.clock().now(), std::nullopt, std::nullopt});
        nlohmann::json region_list = nlohmann::json::array();
        for (const auto& r : writer.regions())
            region_list.push_back(to_string(r));
        clinic.audit({"create", "session", id, input.client_id,
                      {{"therapist_id", input.therapist_id},
                       {"started_at", to_utc_text(input.started_at)},
                       {"technique", writer.technique_name()},
                       {"pressure", input.pressure},
                       {"duration_min", input.duration_min},
                       {"regions", region_list},
                       {"notes", writer.has_notes()}}});
        return id;
    });
}

void each_session(Clinic& clinic, const SessionFilter& filter,
                  const std::function<void(const Session&)>& visit)
{
    // Only the conditions asked for, so that SQLite can use the index that
    // fits them (an "(:x IS NULL OR ...)" test would make it scan).
    std::string sql = std::string(k_session_select) + " WHERE 1";
    if (filter.client_id)
        sql += " AND s.client_id = :client_id";
    if (filter.therapist_id)
        sql += " AND s.therapist_id = :therapist_id";
    if (filter.from)
        sql += " AND s.started_at >= :from";
    if (filter.to)
        sql += " AND s.started_at < :to";
    if (!filter.include_voided)
        sql += " AND s.voided_at IS NULL";
    SQLite::Statement q(clinic.db(), sql + " ORDER BY s.started_at, s.id");
    if (filter.client_id)
        q.bind(":client_id", *filter.client_id);
    if (filter.therapist_id)
        q.bind(":therapist_id", *filter.therapist_id);
    if (filter.from)
        q.bind(":from", to_utc_text(*filter.from));
    if (filter.to)
        q.bind(":to", to_utc_text(*filter.to));
    while (q.executeStep())
        visit(session_from(q));
}

std::optional<Session> find_session(Clinic& clinic, std::int64_t id)
{
    SQLite::Statement q(clinic.db(), std::string(k_session_select) + " WHERE s.id = :id");
    q.bind(":id", id);
    if (!q.executeStep())
        return std::nullopt;
    return session_from(q);
}

void void_session(Clinic& clinic, std::int64_t id, const std::string& raw_reason)
{
    std::string reason = checked_text(raw_reason, "--reason", TextKind::note);
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        throw InputError("--reason is empty", "say why the session is voided");
    clinic.write([&] {
        auto s = find_session(clinic, id);
        if (!s)
            throw InputError(fmt::format("session {}: no such session", id),
                             "see 'massagelog session list'");
        if (s->voided_at)
            throw InputError(fmt::format("session {} was voided already on {}", id,
                                         clinic.clock().local_minutes(*s->voided_at)));
        SQLite::Statement update(clinic.db(), "UPDATE sessions SET voided_at = :at, void_reason "
                                              "= :reason WHERE id = :id");
        update.bind(":at", to_utc_text(clinic.clock().now()));
        update.bind(":reason", reason);
        update.bind(":id", id);
        update.exec();
        clinic.audit({"void", "session", id, s->client_id, {{"reason", reason}}});
    });
}

} // namespace massagelog
