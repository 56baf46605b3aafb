// The session writer: checks a session as entry or an import asks, and
// writes it, alone or queued in batches, on this thread or a second one.

#include "massagelog/core/catalog.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/records/entry_checks.hpp"
#include "massagelog/records/people.hpp"
#include "massagelog/records/session_inserts.hpp"
#include "massagelog/records/sessions.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/row_digests.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace massagelog {

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
    FutureLimit future;
    StatementCache::StatementLease client, therapist;
    bool people_loaded = false; // every client and therapist is in the maps
    std::optional<SessionInserts> inserts;
    std::int64_t technique_id = 0;
    std::string technique_name;
    std::vector<std::pair<const Region*, SessionRegion>> regions;
    std::optional<std::string> notes;
    std::vector<PendingSession> pending; // reused: entries past pending_count are spare
    std::size_t pending_count = 0;
    BulkDigest* digests = nullptr; // where queued sessions' digests go, if anywhere

    // Fills `p` from `input`, `meta` and what the last check resolved.
    void capture(PendingSession& p, const SessionInput& input, const RecordMeta& meta) const
    {
        p.id = meta.id;
        p.client_id = input.client_id;
        p.therapist_id = input.therapist_id;
        p.technique_id = technique_id;
        p.started_at = to_utc_text(input.started_at);
        p.duration_min = input.duration_min;
        p.pressure = input.pressure;
        p.notes = notes;
        p.created_by = meta.created_by;
        p.created_at = to_utc_text(meta.created_at);
        p.voided_at.reset();
        p.void_reason.reset();
        if (meta.voided_at) {
            p.voided_at = to_utc_text(*meta.voided_at);
            p.void_reason = meta.void_reason.value_or("");
        }
        p.regions.clear();
        for (const auto& [region, r] : regions)
            p.regions.push_back({region->id, to_string(r.side), r.pressure, r.focal});
    }

    const Person* person(SQLite::Statement& query, std::unordered_map<std::int64_t, std::optional<Person>>& cache,
                         std::int64_t id)
    {
        if (people_loaded) {
            auto it = cache.find(id);
            return it != cache.end() && it->second ? &*it->second : nullptr;
        }
        auto [it, added] = cache.try_emplace(id);
        if (added) {
            query.reset();
            query.bind(":id", id);
            if (query.executeStep())
                it->second = Person{query.getColumn(0).getString(), query.getColumn(1).getInt() != 0};
        }
        return it->second ? &*it->second : nullptr;
    }

    // The connection's kept statements: a session entered on the web is
    // one writer of many, each preparing them again otherwise.
    explicit State(Clinic& c)
        : clinic(c),
          catalog(*c.statement(Catalog::k_techniques_sql), *c.statement(Catalog::k_regions_sql)),
          future(c),
          client(c.statement("SELECT name, archived_at IS NULL FROM clients WHERE id = :id")),
          therapist(c.statement("SELECT name, active FROM therapists WHERE id = :id"))
    {
        inserts.emplace(c.db(), &c.statements());
    }

    ~State() { stop_background(); }

    // The second thread of write_in_background(), and what it shares.
    struct Background {
        std::thread thread;
        std::mutex mutex;
        std::condition_variable changed;
        std::deque<std::pair<std::vector<PendingSession>, std::size_t>> batches; // rows, count
        std::vector<std::vector<PendingSession>> spare; // written batches, for reuse
        std::vector<Refusal> refused;
        std::exception_ptr failure;
        bool busy = false, stop = false;
    };
    static constexpr std::size_t k_batches_waiting = 4; // bounds the memory held
    std::unique_ptr<Background> background;

    void write_batches()
    {
        Background& b = *background;
        for (;;) {
            std::pair<std::vector<PendingSession>, std::size_t> batch;
            {
                std::unique_lock lock(b.mutex);
                b.changed.wait(lock, [&] { return b.stop || !b.batches.empty(); });
                if (b.batches.empty())
                    return;
                batch = std::move(b.batches.front());
                b.batches.pop_front();
                b.busy = true;
            }
            b.changed.notify_all();
            std::vector<Refusal> refused;
            std::exception_ptr failure;
            try {
                if (!failed())
                    inserts->many(std::span(batch.first.data(), batch.second),
                                 [&](const Refusal& r) { refused.push_back(r); });
            } catch (...) {
                failure = std::current_exception();
            }
            {
                std::lock_guard lock(b.mutex);
                b.refused.insert(b.refused.end(), refused.begin(), refused.end());
                if (failure && !b.failure)
                    b.failure = failure;
                b.spare.push_back(std::move(batch.first));
                b.busy = false;
            }
            b.changed.notify_all();
        }
    }

    bool failed()
    {
        std::lock_guard lock(background->mutex);
        return background->failure != nullptr;
    }

    // Hands the queued rows to the second thread (waiting while it is
    // k_batches_waiting behind), and what it refused so far to `refused`.
    void submit(const std::function<void(const Refusal&)>& refused)
    {
        Background& b = *background;
        std::vector<Refusal> out;
        std::exception_ptr failure;
        {
            std::unique_lock lock(b.mutex);
            b.changed.wait(lock, [&] { return b.batches.size() < k_batches_waiting; });
            if (pending_count > 0) {
                b.batches.emplace_back(std::move(pending), pending_count);
                pending_count = 0;
                pending.clear();
                if (!b.spare.empty()) {
                    pending = std::move(b.spare.back());
                    b.spare.pop_back();
                }
            }
            out.swap(b.refused);
            failure = b.failure;
        }
        b.changed.notify_all();
        if (failure)
            std::rethrow_exception(failure);
        for (const auto& r : out)
            refused(r);
    }

    // Ends the second thread: after every batch is written, or at once
    // (what is left unwritten is dropped) when `wait` is false.
    void stop_background(bool wait = false)
    {
        if (!background)
            return;
        {
            std::unique_lock lock(background->mutex);
            if (wait)
                background->changed.wait(
                    lock, [&] { return background->batches.empty() && !background->busy; });
            background->batches.clear();
            background->stop = true;
        }
        background->changed.notify_all();
        background->thread.join();
    }

    void load_people()
    {
        SQLite::Statement c(clinic.db(), "SELECT id, name, archived_at IS NULL FROM clients");
        while (c.executeStep())
            clients[c.getColumn(0).getInt64()] =
                Person{c.getColumn(1).getString(), c.getColumn(2).getInt() != 0};
        SQLite::Statement t(clinic.db(), "SELECT id, name, active FROM therapists");
        while (t.executeStep())
            therapists[t.getColumn(0).getInt64()] =
                Person{t.getColumn(1).getString(), t.getColumn(2).getInt() != 0};
        people_loaded = true;
    }
};

SessionWriter::SessionWriter(Clinic& clinic) : m(std::make_unique<State>(clinic)) {}

SessionWriter::~SessionWriter() = default;

void SessionWriter::check(const SessionInput& input, EntryKind kind, const FieldLabel& label)
{
    if (input.duration_min < 5 || input.duration_min > 480)
        throw InputError(fmt::format("{} '{}' is not 5-480 minutes", label("duration_min"),
                                     input.duration_min)).about(label("duration_min"));
    if (input.pressure < 1 || input.pressure > 5)
        throw InputError(fmt::format("{} '{}' is not 1-5", label("pressure"), input.pressure),
                         "use 1 light, 2 moderate, 3 firm, 4 deep or 5 very-deep").about(label("pressure"));
    m->future.check(input.started_at, label("started_at"));
    m->notes.reset();
    if (input.notes && !input.notes->empty())
        m->notes = checked_text(*input.notes, label("notes"), TextKind::note);

    const Person* client = m->person(*m->client, m->clients, input.client_id);
    if (!client)
        throw InputError(fmt::format("{} {}: no such client", label("client_id"), input.client_id),
                         "see " + m->clinic.next(Next::list_clients)).about(label("client_id"));
    if (kind == EntryKind::new_entry && !client->usable)
        throw InputError(fmt::format("{} {}: {} is archived", label("client_id"), input.client_id,
                                     client->name),
                         "archived clients take no new sessions").about(label("client_id"));
    const Person* therapist = m->person(*m->therapist, m->therapists, input.therapist_id);
    if (!therapist)
        throw InputError(fmt::format("{} {}: no such therapist", label("therapist_id"),
                                     input.therapist_id),
                         "see " + m->clinic.next(Next::list_therapists)).about(label("therapist_id"));
    if (kind == EntryKind::new_entry && !therapist->usable)
        throw InputError(fmt::format("{} {}: {} is not active", label("therapist_id"),
                                     input.therapist_id, therapist->name)).about(label("therapist_id"));
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
        if (kind == EntryKind::new_entry) // stored history may hold a misfit (db check warns)
            check_side(region, r.side, label("regions"));
        for (const auto& [_, seen] : m->regions)
            if (seen.region == r.region && seen.side == r.side)
                throw InputError(fmt::format("{} {}:{} is given twice", label("regions"), r.region,
                                             to_string(r.side))).about(label("regions"));
        m->regions.emplace_back(&region, r);
    }
}

std::int64_t SessionWriter::insert(const SessionInput& input, const RecordMeta& meta)
{
    PendingSession p;
    m->capture(p, input, meta);
    return m->inserts->one(p);
}

void SessionWriter::queue(const SessionInput& input, const RecordMeta& meta, long long tag)
{
    if (!meta.id)
        throw std::logic_error("SessionWriter::queue: a queued session needs its id");
    if (m->pending_count == m->pending.size())
        m->pending.emplace_back();
    PendingSession& p = m->pending[m->pending_count++];
    m->capture(p, input, meta);
    p.tag = tag;
    if (m->digests)
        m->digests->add(*p.id, digest_of(p));
}

void SessionWriter::digest_into(BulkDigest& digests)
{
    m->digests = &digests;
}

std::size_t SessionWriter::queued() const
{
    return m->pending_count;
}

void SessionWriter::flush(const std::function<void(const Refusal&)>& refused)
{
    if (m->background) {
        m->submit(refused);
        return;
    }
    std::span<const PendingSession> rows(m->pending.data(), m->pending_count);
    m->pending_count = 0;
    m->inserts->many(rows, refused);
}

void SessionWriter::write_in_background()
{
    if (m->background)
        return;
    m->load_people();
    // The second thread writes with statements of its own: the
    // connection's cache serves one thread.
    m->inserts.emplace(m->clinic.db());
    m->background = std::make_unique<State::Background>();
    m->background->thread = std::thread([this] { m->write_batches(); });
}

void SessionWriter::finish(const std::function<void(const Refusal&)>& refused)
{
    if (!m->background) {
        flush(refused);
        return;
    }
    m->submit(refused);
    m->stop_background(true);
    std::vector<Refusal> rest;
    rest.swap(m->background->refused);
    std::exception_ptr failure = m->background->failure;
    m->background.reset();
    if (failure)
        std::rethrow_exception(failure);
    for (const auto& r : rest)
        refused(r);
}

std::vector<SessionRegion> SessionWriter::regions() const
{
    std::vector<SessionRegion> out;
    for (const auto& [_, r] : m->regions)
        out.push_back(r);
    return out;
}

const Catalog& SessionWriter::catalog() const
{
    return m->catalog;
}

const std::string& SessionWriter::technique_name() const
{
    return m->technique_name;
}

bool SessionWriter::has_notes() const
{
    return m->notes.has_value();
}

} // namespace massagelog
