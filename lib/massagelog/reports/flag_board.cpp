#include "massagelog/reports/flag_board.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/rules/flag_sort.hpp"
#include "massagelog/rules/flags.hpp"
#include "massagelog/rules/history.hpp"
#include "massagelog/store/clinic.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <string>

namespace massagelog {

namespace {

// Beyond this many clients changed since the last read, building whole is
// quicker than computing each again (a whole build costs about as much as
// a few hundred clients one at a time).
constexpr std::size_t k_most_clients = 300;

// What one client contributes: every flag (each_flag's order) and the calls
// its unreviewed refer flags, its deep or firm sessions and its open
// reactions ask for.
struct ClientEntry {
    std::vector<Flag> flags;
    std::vector<DueCall> refer, check_ins, open;

    bool empty() const { return flags.empty() && check_ins.empty() && open.empty(); }
};

// The newest audit row folded in: its id, and its hash, to tell that the
// chain is still the one read (a restored file has another row there).
struct AuditMark {
    std::int64_t id = 0;
    std::string hash;
};

AuditMark newest_audit_row(SQLite::Database& db)
{
    SQLite::Statement q(db, "SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!q.executeStep())
        return {};
    return {q.getColumn(0).getInt64(), q.getColumn(1).getString()};
}

bool still_there(SQLite::Database& db, const AuditMark& mark)
{
    if (mark.id == 0)
        return true;
    SQLite::Statement q(db, "SELECT row_hash FROM audit_log WHERE id = :id");
    q.bind(":id", mark.id);
    return q.executeStep() && q.getColumn(0).getString() == mark.hash;
}

// Audit rows that change nothing a flag or a call reads: logins, accounts,
// exports and backups.
bool leaves_flags_alone(const std::string& action, const std::string& entity)
{
    return action == "export" || action == "backup" || entity == "login" || entity == "user";
}

// Files `f` (and the call it asks for, if any) under its client.
void file_flag(ClientEntry& entry, Flag f, ClientCalls& calls)
{
    if (f.unreviewed_refer())
        entry.refer.push_back(calls.refer_flag(f));
    entry.flags.push_back(std::move(f));
}

} // namespace

struct FlagBoard::Contents {
    std::map<std::int64_t, ClientEntry> clients; // those with a flag or an open reaction due
    AuditMark mark;
    std::chrono::steady_clock::time_point built;
};

FlagBoard::FlagBoard() = default;
FlagBoard::~FlagBoard() = default;

FlagBoard::Built FlagBoard::build(Clinic& clinic)
{
    auto out = std::make_shared<Contents>();
    // Marked before anything is read: a change written meanwhile is read
    // again at the next catch-up, never missed.
    out->mark = newest_audit_row(clinic.db());
    out->built = std::chrono::steady_clock::now();
    const Instant as_of = clinic.clock().now();
    const Catalog catalog(clinic.db());
    ClientCalls calls(clinic, as_of);
    FlagQuery query;
    query.as_of = as_of;
    query.catalog = &catalog;
    // Kept in memory whole, so sorted there too.
    query.sort_run = std::numeric_limits<std::size_t>::max();
    query.each_history = [&](const ClientHistory& h) {
        std::vector<DueCall> open;
        calls.open_episodes(h, open);
        if (!open.empty())
            out->clients[h.client_id].open = std::move(open);
    };
    each_flag(clinic, query,
              [&](const Flag& f) { file_flag(out->clients[f.client_id], f, calls); });
    for (DueCall& c : check_ins_due(clinic, as_of, std::nullopt))
        out->clients[c.client_id].check_ins.push_back(std::move(c));
    return out;
}

void FlagBoard::install(Built built)
{
    std::lock_guard lock(m_mutex);
    replace(std::move(built));
}

void FlagBoard::replace(Built built)
{
    m_contents = std::move(built);
    m_stale = true;
    ++m_whole_builds;
}

std::size_t FlagBoard::whole_builds() const
{
    std::lock_guard lock(m_mutex);
    return m_whole_builds;
}

bool FlagBoard::older_than(std::chrono::steady_clock::duration age) const
{
    std::lock_guard lock(m_mutex);
    return !m_contents || std::chrono::steady_clock::now() - m_contents->built > age;
}

void FlagBoard::catch_up(Clinic& clinic)
{
    if (!m_contents || !still_there(clinic.db(), m_contents->mark)) {
        replace(build(clinic));
        return;
    }
    SQLite::Statement rows(clinic.db(), "SELECT id, row_hash, action, entity, client_id "
                                        "FROM audit_log WHERE id > :id ORDER BY id");
    rows.bind(":id", m_contents->mark.id);
    AuditMark mark = m_contents->mark;
    std::set<std::int64_t> changed;
    bool whole = false;
    while (rows.executeStep()) {
        mark = {rows.getColumn(0).getInt64(), rows.getColumn(1).getString()};
        if (leaves_flags_alone(rows.getColumn(2).getString(), rows.getColumn(3).getString()))
            continue;
        if (rows.getColumn(4).isNull())
            whole = true;
        else
            changed.insert(rows.getColumn(4).getInt64());
    }
    if (whole || changed.size() > k_most_clients) {
        replace(build(clinic));
        return;
    }
    if (changed.empty()) {
        m_contents->mark = mark;
        return;
    }
    const Instant as_of = clinic.clock().now();
    const Catalog catalog(clinic.db());
    ClientCalls calls(clinic, as_of);
    // A client's own history is read archived or not; the clinic's lists
    // leave archived clients out.
    SQLite::Statement archived(clinic.db(), "SELECT archived_at IS NOT NULL FROM clients WHERE id = :id");
    for (std::int64_t id : changed) {
        archived.reset();
        archived.bind(":id", id);
        if (!archived.executeStep() || archived.getColumn(0).getInt() != 0) {
            m_contents->clients.erase(id);
            continue;
        }
        ClientEntry fresh;
        FlagQuery query;
        query.client_id = id;
        query.as_of = as_of;
        query.catalog = &catalog;
        query.each_history = [&](const ClientHistory& h) { calls.open_episodes(h, fresh.open); };
        for (Flag& f : compute_flags(clinic, query))
            file_flag(fresh, std::move(f), calls);
        fresh.check_ins = check_ins_due(clinic, as_of, id);
        if (fresh.empty())
            m_contents->clients.erase(id);
        else
            m_contents->clients[id] = std::move(fresh);
    }
    m_contents->mark = mark;
    m_stale = true;
}

void FlagBoard::order()
{
    if (!m_stale)
        return;
    m_flags.clear();
    std::vector<const DueCall*> due;
    for (const auto& [id, entry] : m_contents->clients)
        for (const Flag& f : entry.flags)
            m_flags.push_back(&f);
    std::sort(m_flags.begin(), m_flags.end(), [](const Flag* a, const Flag* b) {
        if (a->unreviewed_refer() != b->unreviewed_refer())
            return a->unreviewed_refer();
        return flag_before(*a, *b);
    });
    m_unreviewed_refer = static_cast<std::size_t>(
        std::count_if(m_flags.begin(), m_flags.end(), [](const Flag* f) { return f->unreviewed_refer(); }));
    // The calls in due_followups' order: before sorting, the refer flags'
    // calls, then the check-ins, then the open reactions, each by client.
    for (auto list : {&ClientEntry::refer, &ClientEntry::check_ins, &ClientEntry::open})
        for (const auto& [id, entry] : m_contents->clients)
            for (const DueCall& c : entry.*list)
                due.push_back(&c);
    std::stable_sort(due.begin(), due.end(),
                     [](const DueCall* a, const DueCall* b) { return due_before(*a, *b); });
    m_calls = group_by_event(due);
    m_stale = false;
}

FlagBoard::FlagSlice FlagBoard::flags(Clinic& clinic, Which which, std::size_t from, std::size_t to)
{
    std::lock_guard lock(m_mutex);
    catch_up(clinic);
    order();
    FlagSlice out;
    out.count = which == Which::every ? m_flags.size() : m_unreviewed_refer;
    for (std::size_t i = from; i < std::min(to, out.count); ++i)
        out.flags.push_back(*m_flags[i]);
    return out;
}

FlagBoard::CallSlice FlagBoard::calls(Clinic& clinic, std::size_t from, std::size_t to)
{
    std::lock_guard lock(m_mutex);
    catch_up(clinic);
    order();
    CallSlice out;
    out.count = m_calls.size();
    for (std::size_t i = from; i < std::min(to, out.count); ++i) {
        CallToMake& call = out.calls.emplace_back();
        for (const DueCall* c : m_calls[i])
            call.reasons.push_back(*c);
    }
    return out;
}

} // namespace massagelog
