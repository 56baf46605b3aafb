#include "massagelog/rules/flags.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/rules/history.hpp"
#include "massagelog/records/people.hpp"
#include "massagelog/rules/flag_sort.hpp"
#include "massagelog/rules/rules.hpp"
#include "massagelog/store/columns.hpp"
#include "massagelog/store/row_insert.hpp"
#include "massagelog/store/settings.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

namespace massagelog {

namespace {

Thresholds read_thresholds(Clinic& clinic)
{
    return Thresholds{get_int_setting(clinic, "persist.watch_days"),
                      get_int_setting(clinic, "persist.refer_days"),
                      get_int_setting(clinic, "recur.count"),
                      get_int_setting(clinic, "recur.window_days"),
                      get_int_setting(clinic, "nerve.lookback_days")};
}

// Every review of each flag made by `as_of`, oldest first, read in one pass
// (the reviews are few beside the reports).
class ReviewLookup {
public:
    ReviewLookup(Clinic& clinic, std::optional<std::int64_t> client_id, Instant as_of)
    {
        auto lease = clinic.statement(std::string("SELECT client_id, rule, evidence_key, reviewed_at, "
                                                  "reviewed_by, action, note FROM flag_reviews WHERE "
                                                  "reviewed_at <= :as_of") +
                                      (client_id ? " AND client_id = :client_id" : "") +
                                      " ORDER BY reviewed_at, id");
        SQLite::Statement& q = *lease;
        q.bind(":as_of", to_utc_text(as_of));
        if (client_id)
            q.bind(":client_id", *client_id);
        while (q.executeStep()) {
            Review r;
            r.at = from_utc_text(q.getColumn(3).getText());
            r.by = q.getColumn(4).getString();
            r.action = parse_enum<ReviewAction>(q.getColumn(5).getString(), "stored action");
            if (!q.getColumn(6).isNull())
                r.note = q.getColumn(6).getString();
            m_reviews[key(q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                          q.getColumn(2).getString())]
                .push_back(std::move(r));
        }
    }
    // Sets `f`'s review, the latest, when it covers the evidence (made at
    // or after the flag's evidence last changed), and the ones before it as
    // its history; a flag with newer evidence is unreviewed again, with
    // every review as history.
    void attach(Flag& f) const
    {
        if (m_reviews.empty())
            return;
        auto it = m_reviews.find(key(f.client_id, f.rule, f.evidence_key));
        if (it == m_reviews.end())
            return;
        const std::vector<Review>& all = it->second;
        bool covers = all.back().at >= f.evidence_at;
        f.earlier_reviews.assign(all.begin(), covers ? all.end() - 1 : all.end());
        if (covers)
            f.review = all.back();
    }

private:
    static std::string key(std::int64_t client, const std::string& rule, const std::string& evidence)
    {
        return std::to_string(client) + '\x1f' + rule + '\x1f' + evidence;
    }
    std::unordered_map<std::string, std::vector<Review>> m_reviews;
};

// The clients whose health history, as of `as_of`, says clot yes, with
// when it came to say so: one read of the few rows that answer it.
std::unordered_map<std::int64_t, Instant> clot_clients(Clinic& clinic,
                                                       std::optional<std::int64_t> client_id,
                                                       Instant as_of)
{
    auto lease = clinic.statement(std::string("SELECT client_id, clot, recorded_at FROM health_history "
                                              "WHERE clot IS NOT NULL AND recorded_at <= :as_of") +
                                  (client_id ? " AND client_id = :client_id" : "") +
                                  " ORDER BY client_id, recorded_at, id");
    SQLite::Statement& q = *lease;
    q.bind(":as_of", to_utc_text(as_of));
    if (client_id)
        q.bind(":client_id", *client_id);
    std::unordered_map<std::int64_t, Instant> out;
    while (q.executeStep()) {
        std::int64_t client = q.getColumn(0).getInt64();
        if (q.getColumn(1).getInt() == 1)
            out.try_emplace(client, from_utc_text(q.getColumn(2).getText())); // since the first yes
        else
            out.erase(client); // a later no supersedes
    }
    return out;
}

// Whether an unreviewed refer flag stands on `f`'s evidence key (its bout).
bool outranked(const Flag& f, const std::vector<Flag>& flags)
{
    return std::any_of(flags.begin(), flags.end(), [&](const Flag& g) {
        return g.unreviewed_refer() && g.evidence_key == f.evidence_key;
    });
}

} // namespace

void each_flag(Clinic& clinic, const FlagQuery& query,
               const std::function<void(const Flag&)>& visit)
{
    Instant as_of = query.as_of.value_or(clinic.clock().now());
    std::optional<Catalog> own_catalog;
    if (!query.catalog)
        own_catalog.emplace(clinic.db());
    const Catalog& catalog = query.catalog ? *query.catalog : *own_catalog;
    auto regions_lease = clinic.statement(R"sql(
SELECT g.name, sr.side, sr.pressure, sr.focal FROM session_regions sr
  JOIN regions g ON g.id = sr.region_id WHERE sr.session_id = :session_id)sql");
    SQLite::Statement& regions_of = *regions_lease;
    RuleContext context{as_of, clinic.clock(), read_thresholds(clinic),
                        [&](std::int64_t session_id) {
                            std::vector<SessionRegion> out;
                            regions_of.reset();
                            regions_of.bind(":session_id", session_id);
                            while (regions_of.executeStep())
                                out.push_back({regions_of.getColumn(0).getString(),
                                               parse_enum<Side>(regions_of.getColumn(1).getString(),
                                                                "stored side"),
                                               regions_of.getColumn(2).getInt(),
                                               regions_of.getColumn(3).getInt() != 0});
                            return out;
                        },
                        {}};
    const auto clots = clot_clients(clinic, query.client_id, as_of);
    if (!clots.empty())
        context.clot_history = [&clots](std::int64_t client) -> std::optional<Instant> {
            auto it = clots.find(client);
            return it == clots.end() ? std::nullopt : std::optional(it->second);
        };
    ReviewLookup reviews(clinic, query.client_id, as_of);

    // Names only for the clients that raise a flag.
    auto name_lease = clinic.statement("SELECT name FROM clients WHERE id = :id");
    SQLite::Statement& name_of = *name_lease;
    FlagSorter flags(query.sort_run);
    std::vector<Flag> client_flags;
    std::vector<bool> given_way; // a watch giving way to an unreviewed refer
    long long clients = 0;
    const std::chrono::days back{context.thresholds.nerve_lookback_days}; // the nerve rule's
    each_client_history(clinic, catalog, query.client_id, as_of, back, [&](const ClientHistory& h) {
        if (query.progress && ++clients % 1000 == 0)
            query.progress(clients);
        if (query.each_history)
            query.each_history(h);
        client_flags.clear();
        for (const RuleSpec& rule : rule_table())
            rule.evaluate(h, context, client_flags);
        std::string name;
        if (!client_flags.empty()) {
            name_of.reset();
            name_of.bind(":id", h.client_id);
            if (name_of.executeStep())
                name = name_of.getColumn(0).getString();
        }
        for (Flag& f : client_flags)
            reviews.attach(f);
        // Decided before any flag is moved out.
        given_way.assign(client_flags.size(), false);
        for (std::size_t i = 0; i < client_flags.size(); ++i)
            given_way[i] = client_flags[i].yields_to_refer && outranked(client_flags[i], client_flags);
        for (std::size_t i = 0; i < client_flags.size(); ++i) {
            Flag& f = client_flags[i];
            if (f.level < query.min_level || given_way[i])
                continue;
            if (query.unreviewed_only && f.review)
                continue;
            f.client_name = name;
            flags.add(std::move(f));
        }
    });
    flags.each(visit);
}

std::vector<Flag> compute_flags(Clinic& clinic, const FlagQuery& query)
{
    std::vector<Flag> flags;
    each_flag(clinic, query, [&](const Flag& f) { flags.push_back(f); });
    return flags;
}

const char* const RowTable<StoredReview>::insert_sql =
    "INSERT INTO flag_reviews (id, rule, client_id, evidence_key, reviewed_at, reviewed_by, "
    "action, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

void RowTable<StoredReview>::bind(SQLite::Statement& q, const StoredReview& row)
{
    bind_row(q, id_or_next(row.id), row.rule, row.client_id, row.evidence_key,
             to_utc_text(row.review.at), row.review.by, std::string(to_string(row.review.action)),
             row.review.note);
}

void review_flag(Clinic& clinic, const std::string& rule, std::int64_t client_id,
                 const std::string& evidence_key, ReviewAction action,
                 const std::optional<std::string>& raw_note)
{
    bool known_rule = false;
    std::string rules;
    for (const RuleSpec& spec : rule_table()) {
        known_rule = known_rule || spec.id == rule;
        rules += (rules.empty() ? "" : ", ") + std::string(spec.id);
    }
    if (!known_rule)
        throw InputError(fmt::format("RULE {} is not a rule", quote_value(rule)), "use " + rules);
    std::optional<std::string> note;
    if (raw_note && raw_note->find_first_not_of(" \t\r\n") != std::string::npos)
        note = checked_text(*raw_note, clinic.label("note"), TextKind::note);
    if (!note && (action == ReviewAction::cleared || action == ReviewAction::dismissed))
        throw InputError(fmt::format("{} {} needs {}", clinic.label("action"), to_string(action),
                                     clinic.label("note")),
                         action == ReviewAction::cleared
                             ? "say who cleared the client to be worked on the area again"
                             : "say why the flag is dismissed")
            .about(clinic.label("note"));
    clinic.write([&] {
        require_client(clinic, client_id, "CLIENT");
        FlagQuery query;
        query.client_id = client_id;
        auto current = compute_flags(clinic, query);
        auto match = std::find_if(current.begin(), current.end(), [&](const Flag& f) {
            return f.rule == rule && f.evidence_key == evidence_key;
        });
        if (match == current.end())
            throw InputError(fmt::format("no {} flag with evidence {} stands for client {} now",
                                         rule, quote_value(evidence_key), client_id),
                             "see " + clinic.next(Next::client_flags, std::to_string(client_id)));
        std::int64_t id = TableInsert<StoredReview>(clinic.db()).insert(
            {0, rule, client_id, evidence_key,
             {clinic.clock().now(), clinic.actor().name, action, note}});
        clinic.audit_row({"review", "flag", id, client_id,
                      {{"rule", rule},
                       {"evidence_key", evidence_key},
                       {"level", to_string(match->level)},
                       {"action", to_string(action)},
                       {"note", note.has_value()}}},
                         DigestTable::flag_reviews);
    });
}

} // namespace massagelog
