#include "massagelog/records/sessions.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/records/entry_checks.hpp"
#include "massagelog/store/database.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/records/people.hpp"
#include "massagelog/store/row_digests.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <span>
#include <tuple>
#include <thread>
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

namespace
{

// A checked session ready to insert, its texts in the stored form.
struct PendingSession {
    struct Worked {
        std::int64_t region_id;
        std::string_view
            side; // a string literal (EnumNames<Side>): outlives statements, ends in NUL
        int pressure;
        bool focal;
    };
    long long tag = 0;
    std::optional<std::int64_t> id;
    std::int64_t client_id = 0, therapist_id = 0, technique_id = 0;
    std::string started_at, created_by, created_at;
    int duration_min = 0, pressure = 0;
    std::optional<std::string> notes, voided_at, void_reason;
    std::vector<Worked> regions;
};

constexpr const char* k_insert_session =
    "INSERT INTO sessions (id, client_id, therapist_id, started_at, duration_min, technique_id, "
    "pressure, notes, created_by, created_at, voided_at, void_reason) VALUES ";
constexpr int k_session_columns = 12;
constexpr const char* k_insert_region =
    "INSERT INTO session_regions (session_id, region_id, side, pressure, focal) VALUES ";
constexpr int k_region_columns = 5;
// Rows per multi-row statement.
constexpr std::size_t k_batch_sessions = SessionWriter::k_batch;
constexpr std::size_t k_batch_regions = 128;

// "(?,?,?),(?,?,?)": `rows` rows of `columns` parameters.
std::string values_list(std::size_t rows, int columns)
{
    std::string row = "(?";
    for (int i = 1; i < columns; ++i)
        row += ",?";
    row += ')';
    std::string out = row;
    for (std::size_t i = 1; i < rows; ++i) {
        out += ',';
        out += row;
    }
    return out;
}

// A session's columns go, in the table's order (that of k_insert_session
// and k_insert_region), either into a statement's parameters or into the
// session's canonical row: what is written and what is digested are one list.
template <class Out> void session_columns(Out& out, const PendingSession& p)
{
    if (p.id)
        out.integer(*p.id);
    else
        out.null();
    out.integer(p.client_id);
    out.integer(p.therapist_id);
    out.text(p.started_at);
    out.integer(p.duration_min);
    out.integer(p.technique_id);
    out.integer(p.pressure);
    out.opt_text(p.notes);
    out.text(p.created_by);
    out.text(p.created_at);
    out.opt_text(p.voided_at);
    out.opt_text(p.void_reason);
}

template <class Out>
void region_columns(Out& out, std::int64_t session_id, const PendingSession::Worked& r)
{
    out.integer(session_id);
    out.integer(r.region_id);
    out.text(r.side);
    out.integer(r.pressure);
    out.integer(r.focal ? 1 : 0);
}

// Binds columns to a statement's parameters from `first` on. Texts are
// bound without a copy: they must outlive the statement's next step.
class Binder {
public:
    Binder(SQLite::Statement& q, int first) : m_q(q), m_i(first) {}
    void null() { m_q.bind(m_i++); }
    void integer(std::int64_t v) { m_q.bind(m_i++, v); }
    void text(const std::string& s) { m_q.bindNoCopy(m_i++, s); }
    // A side's name: a string literal, so it ends in NUL.
    void text(std::string_view literal) { m_q.bindNoCopy(m_i++, literal.data()); }
    void opt_text(const std::optional<std::string>& s)
    {
        if (s)
            text(*s);
        else
            null();
    }

private:
    SQLite::Statement& m_q;
    int m_i;
};

void bind_session(SQLite::Statement& q, int first, const PendingSession& p)
{
    Binder out(q, first);
    session_columns(out, p);
}

void bind_region(SQLite::Statement& q, int first, std::int64_t session_id,
                 const PendingSession::Worked& r)
{
    Binder out(q, first);
    region_columns(out, session_id, r);
}

// The digest of a session (with its id) as it will stand once written:
// its regions in the order of their key, as row_digest reads them back.
Sha256Digest digest_of(const PendingSession& p)
{
    CanonicalRow row(DigestTable::sessions);
    session_columns(row, p);
    std::vector<const PendingSession::Worked*> regions;
    for (const auto& r : p.regions)
        regions.push_back(&r);
    std::sort(regions.begin(), regions.end(), [](const auto* a, const auto* b) {
        return std::tie(a->region_id, a->side) < std::tie(b->region_id, b->side);
    });
    for (const auto* r : regions) {
        row.child();
        region_columns(row, *p.id, *r);
    }
    return row.digest();
}

// Runs `write`; a row SQLite refuses for a constraint goes to `refused` and
// gives false, and any other failure goes on up.
template <class Write, class Refused> bool attempt(Write&& write, Refused&& refused)
{
    try {
        write();
        return true;
    } catch (const SQLite::Exception& e) {
        if (!is_constraint(e))
            throw;
        refused(e);
        return false;
    }
}

// An INSERT of 1, 2, 4 ... `max` rows, each statement prepared when first
// needed; a run of rows goes in pieces of those sizes, largest first.
class MultiRowInsert {
public:
    MultiRowInsert(SQLite::Database& db, const char* insert, int columns, std::size_t max)
        : m_db(db), m_insert(insert), m_columns(columns), m_max(max)
    {
    }
    int columns() const { return m_columns; }
    // The largest statement for at most `rows` rows (rows >= 1).
    std::size_t fit(std::size_t rows) const
    {
        std::size_t n = 1;
        while (n * 2 <= rows && n * 2 <= m_max)
            n *= 2;
        return n;
    }
    // The statement for `rows` rows (a value fit() gave), reset.
    SQLite::Statement& statement(std::size_t rows)
    {
        std::size_t slot = static_cast<std::size_t>(std::countr_zero(rows));
        if (m_statements.size() <= slot)
            m_statements.resize(slot + 1);
        if (!m_statements[slot])
            m_statements[slot].emplace(m_db, m_insert + values_list(rows, m_columns));
        // A statement SQLite refused keeps its error until reset, and
        // SQLiteCpp's reset() would throw it again: tryReset() clears it.
        m_statements[slot]->tryReset();
        return *m_statements[slot];
    }

private:
    SQLite::Database& m_db;
    std::string m_insert;
    int m_columns;
    std::size_t m_max;
    std::vector<std::optional<SQLite::Statement>> m_statements;
};

// Writes `rows` in the largest statements `insert` has, binding each row
// with `bind(statement, first_parameter, row)`; each chunk then goes to
// `written`, or, when SQLite refused it (and wrote none of it), to `again`.
template <class Row, class Bind, class Written, class Again>
void in_chunks(MultiRowInsert& insert, std::span<const Row> rows, Bind&& bind, Written&& written,
               Again&& again)
{
    for (std::size_t done = 0; done < rows.size();) {
        std::size_t n = insert.fit(rows.size() - done);
        auto chunk = rows.subspan(done, n);
        done += n;
        bool ok = attempt(
            [&] {
                auto& q = insert.statement(n);
                for (std::size_t i = 0; i < n; ++i)
                    bind(q, static_cast<int>(i) * insert.columns() + 1, chunk[i]);
                q.exec();
            },
            [](const SQLite::Exception&) {});
        if (ok)
            written(chunk);
        else
            again(chunk);
    }
}

// Writes sessions with their regions: one at a time, or queued ones many to
// a statement.
class SessionInserts {
public:
    using Refused = std::function<void(const SessionWriter::Refusal&)>;

    explicit SessionInserts(SQLite::Database& db)
        : m_db(db), m_sessions(db, k_insert_session, k_session_columns, k_batch_sessions),
          m_regions(db, k_insert_region, k_region_columns, k_batch_regions)
    {
    }

    std::int64_t one(const PendingSession& p)
    {
        auto& q = m_sessions.statement(1);
        bind_session(q, 1, p);
        q.exec();
        std::int64_t id = m_db.getLastInsertRowid();
        for (const auto& r : p.regions)
            region(id, r);
        return id;
    }

    // Writes `rows` (each with its id) many to a statement; the rows of a
    // statement SQLite refuses are written again one by one, and each row
    // refused then goes to `refused`.
    void many(std::span<const PendingSession> rows, const Refused& refused)
    {
        in_chunks(m_sessions, rows, bind_session,
                  [&](std::span<const PendingSession> chunk) { regions(chunk, refused); },
                  [&](std::span<const PendingSession> chunk) { each(chunk, refused); });
    }

private:
    struct Worked {
        const PendingSession* session;
        const PendingSession::Worked* region;
    };

    void region(std::int64_t session_id, const PendingSession::Worked& r)
    {
        auto& a = m_regions.statement(1);
        bind_region(a, 1, session_id, r);
        a.exec();
    }

    void each(std::span<const PendingSession> rows, const Refused& refused)
    {
        for (const auto& p : rows)
            attempt([&] { one(p); },
                    [&](const SQLite::Exception& e) {
                        refused({p.tag, p.id,
                                 e.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY,
                                 e.what()});
                    });
    }

    void regions(std::span<const PendingSession> sessions, const Refused& refused)
    {
        m_worked.clear();
        for (const auto& p : sessions)
            for (const auto& r : p.regions)
                m_worked.push_back({&p, &r});
        in_chunks(
            m_regions, std::span<const Worked>(m_worked),
            [](SQLite::Statement& q, int first, const Worked& w) {
                bind_region(q, first, *w.session->id, *w.region);
            },
            [](std::span<const Worked>) {},
            [&](std::span<const Worked> chunk) {
                for (const auto& w : chunk) // again one by one, to name the row
                    attempt([&] { region(*w.session->id, *w.region); },
                            [&](const SQLite::Exception& e) {
                                refused({w.session->tag, w.session->id, false, e.what()});
                            });
            });
    }

    SQLite::Database& m_db;
    MultiRowInsert m_sessions, m_regions;
    std::vector<Worked> m_worked;
};

} // namespace

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
    SQLite::Statement client, therapist;
    bool people_loaded = false; // every client and therapist is in the maps
    SessionInserts inserts;
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

    explicit State(Clinic& c)
        : clinic(c), catalog(c.db()), future(c),
          client(c.db(), "SELECT name, archived_at IS NULL FROM clients WHERE id = :id"),
          therapist(c.db(), "SELECT name, active FROM therapists WHERE id = :id"), inserts(c.db())
    {
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
                    inserts.many(std::span(batch.first.data(), batch.second),
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
                                     input.duration_min));
    if (input.pressure < 1 || input.pressure > 5)
        throw InputError(fmt::format("{} '{}' is not 1-5", label("pressure"), input.pressure),
                         "use 1 light, 2 moderate, 3 firm, 4 deep or 5 very-deep");
    m->future.check(input.started_at, label("started_at"));
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
        if (kind == EntryKind::new_entry) // stored history may hold a misfit (db check warns)
            check_side(region, r.side, label("regions"));
        for (const auto& [_, seen] : m->regions)
            if (seen.region == r.region && seen.side == r.side)
                throw InputError(fmt::format("{} {}:{} is given twice", label("regions"), r.region,
                                             to_string(r.side)));
        m->regions.emplace_back(&region, r);
    }
}

std::int64_t SessionWriter::insert(const SessionInput& input, const RecordMeta& meta)
{
    PendingSession p;
    m->capture(p, input, meta);
    return m->inserts.one(p);
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
    m->inserts.many(rows, refused);
}

void SessionWriter::write_in_background()
{
    if (m->background)
        return;
    m->load_people();
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

const std::string& SessionWriter::technique_name() const
{
    return m->technique_name;
}

bool SessionWriter::has_notes() const
{
    return m->notes.has_value();
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
        clinic.audit_row({"create", "session", id, input.client_id,
                      {{"therapist_id", input.therapist_id},
                       {"started_at", to_utc_text(input.started_at)},
                       {"technique", writer.technique_name()},
                       {"pressure", input.pressure},
                       {"duration_min", input.duration_min},
                       {"regions", region_list},
                       {"notes", writer.has_notes()}}},
                         DigestTable::sessions);
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
        // Only what voiding needs is read: a session stored with a time no
        // reader accepts (db check names it) can still be voided.
        SQLite::Statement q(clinic.db(), "SELECT client_id, voided_at FROM sessions WHERE id = :id");
        q.bind(":id", id);
        if (!q.executeStep())
            throw InputError(fmt::format("session {}: no such session", id),
                             "see 'massagelog session list'");
        std::int64_t client_id = q.getColumn(0).getInt64();
        if (!q.getColumn(1).isNull())
            throw InputError(fmt::format("session {} was voided already on {}", id,
                                         clinic.clock().local_minutes(
                                             from_utc_text(q.getColumn(1).getText()))));
        std::string before = row_digest(clinic.db(), DigestTable::sessions, id);
        SQLite::Statement update(clinic.db(), "UPDATE sessions SET voided_at = :at, void_reason "
                                              "= :reason WHERE id = :id");
        update.bind(":at", to_utc_text(clinic.clock().now()));
        update.bind(":reason", reason);
        update.bind(":id", id);
        update.exec();
        clinic.audit_row({"void", "session", id, client_id, {{"reason", reason}}},
                         DigestTable::sessions, before);
    });
}

} // namespace massagelog
