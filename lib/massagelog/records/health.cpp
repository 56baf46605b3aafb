#include "massagelog/records/health.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/records/entry_checks.hpp"
#include "massagelog/records/people.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/columns.hpp"
#include "massagelog/store/row_insert.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>

namespace massagelog {

const std::array<HealthQuestionSpec, k_health_questions>& health_questions()
{
    using Q = HealthQuestion;
    static const std::array<HealthQuestionSpec, k_health_questions> questions{{
        {Q::anticoagulant, "anticoagulant", "anticoagulant or antiplatelet medication"},
        {Q::clot, "clot", "deep vein thrombosis or a clot, ever or suspected now"},
        {Q::pregnant, "pregnant", "pregnant"},
        {Q::diabetes, "diabetes", "diabetes"},
        {Q::reduced_sensation, "reduced_sensation", "reduced sensation or numbness in a limb"},
        {Q::recent_surgery, "recent_surgery", "surgery or injury in the last 6 months"},
        {Q::osteoporosis, "osteoporosis", "osteoporosis"},
        {Q::high_blood_pressure, "high_blood_pressure", "high blood pressure"},
        {Q::pacemaker, "pacemaker", "pacemaker or implanted device"},
        {Q::cancer_treatment, "cancer_treatment", "cancer under treatment"},
        {Q::lymphoedema, "lymphoedema", "lymphoedema"},
        {Q::skin_condition, "skin_condition", "skin condition or wound"},
    }};
    return questions;
}

const HealthQuestionSpec& health_question(HealthQuestion question)
{
    return health_questions()[static_cast<std::size_t>(question)];
}

std::string to_string(const std::vector<BodyArea>& areas)
{
    if (areas.empty())
        return "none";
    std::string out;
    for (const BodyArea& a : areas)
        out += fmt::format("{}{}:{}", out.empty() ? "" : " ", a.region, to_string(a.side));
    return out;
}

namespace {

BodyArea checked_area(const Catalog& catalog, const RegionSpec& spec, std::string_view field)
{
    const Region& region = catalog.region(spec.region, field);
    Side side = spec.side.value_or(region.default_side());
    check_side(region, side, field);
    return {region.name, side};
}

std::optional<std::vector<BodyArea>> checked_areas(const Catalog& catalog,
                                                   const std::vector<RegionSpec>& specs,
                                                   std::string_view field)
{
    if (specs.empty())
        return std::nullopt;
    std::vector<BodyArea> out;
    for (const RegionSpec& spec : specs) {
        BodyArea area = checked_area(catalog, spec, field);
        if (std::find(out.begin(), out.end(), area) == out.end())
            out.push_back(std::move(area));
    }
    return out;
}

// A detail (given as `value`) that goes with a yes, given without one.
void require_yes(const HealthEntry& e, HealthQuestion q, const std::optional<std::string>& value,
                 std::string_view detail, const FieldLabel& label)
{
    if (value && e.answer(q) != Tri::yes)
        throw InputError(fmt::format("{} {} goes with {} yes", label(detail), quote_value(*value),
                                     health_question(q).column),
                         fmt::format("answer {} yes, or leave it out", health_question(q).column))
            .about(label(detail));
}

std::optional<std::string> text_of(const std::optional<std::vector<BodyArea>>& areas)
{
    return areas ? std::optional(to_string(*areas)) : std::nullopt;
}

} // namespace

std::vector<BodyArea> parse_areas(const Catalog& catalog, std::string_view text,
                                  std::string_view field)
{
    std::vector<BodyArea> out;
    if (text == "none")
        return out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string_view::npos)
            end = text.size();
        if (end > start)
            out.push_back(checked_area(
                catalog, parse_region_spec(text.substr(start, end - start), field, RegionExtras::side_only),
                field));
        start = end + 1;
    }
    return out;
}

const char* const RowTable<HealthEntry>::insert_sql =
    "INSERT INTO health_history (id, client_id, recorded_at, recorded_by, anticoagulant, clot, "
    "pregnant, pregnancy_week, diabetes, reduced_sensation, sensation_regions, recent_surgery, "
    "surgery_date, surgery_regions, osteoporosis, high_blood_pressure, pacemaker, "
    "cancer_treatment, lymphoedema, skin_condition, skin_regions, avoid_regions, "
    "preferred_pressure, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?)";

void RowTable<HealthEntry>::bind(SQLite::Statement& q, const HealthEntry& e)
{
    using Q = HealthQuestion;
    auto tri = [&](Q question) { return tri_to_db(e.answer(question)); };
    auto areas = [](const std::optional<std::vector<BodyArea>>& a) {
        return a ? std::optional(to_string(*a)) : std::nullopt;
    };
    bind_row(q, id_or_next(e.id), e.client_id, to_utc_text(e.recorded_at), e.recorded_by,
             tri(Q::anticoagulant), tri(Q::clot), tri(Q::pregnant), e.pregnancy_week,
             tri(Q::diabetes), tri(Q::reduced_sensation), areas(e.sensation_regions),
             tri(Q::recent_surgery), e.surgery_date, areas(e.surgery_regions),
             tri(Q::osteoporosis), tri(Q::high_blood_pressure), tri(Q::pacemaker),
             tri(Q::cancer_treatment), tri(Q::lymphoedema), tri(Q::skin_condition),
             areas(e.skin_regions), areas(e.avoid_regions), e.preferred_pressure, e.notes);
}

void check_health_entry(const HealthEntry& e, const std::string& today, const FieldLabel& label)
{
    using Q = HealthQuestion;
    require_yes(e, Q::pregnant,
                e.pregnancy_week ? std::optional(std::to_string(*e.pregnancy_week)) : std::nullopt,
                "pregnancy_week", label);
    if (e.pregnancy_week && (*e.pregnancy_week < 1 || *e.pregnancy_week > 45))
        throw InputError(fmt::format("{} {} is not a week of pregnancy", label("pregnancy_week"),
                                     *e.pregnancy_week),
                         "give 1-45")
            .about(label("pregnancy_week"));
    require_yes(e, Q::reduced_sensation, text_of(e.sensation_regions), "sensation_region", label);
    require_yes(e, Q::recent_surgery, e.surgery_date, "surgery_at", label);
    require_yes(e, Q::recent_surgery, text_of(e.surgery_regions), "surgery_region", label);
    require_yes(e, Q::skin_condition, text_of(e.skin_regions), "skin_region", label);
    if (e.surgery_date) {
        parse_calendar_date(*e.surgery_date, label("surgery_at"));
        if (*e.surgery_date > today)
            throw InputError(fmt::format("{} '{}' is in the future", label("surgery_at"),
                                         *e.surgery_date))
                .about(label("surgery_at"));
    }
    if (e.preferred_pressure && (*e.preferred_pressure < 1 || *e.preferred_pressure > 5))
        throw InputError(fmt::format("{} {} is not a pressure", label("preferred_pressure"),
                                     *e.preferred_pressure),
                         "1 light, 2 moderate, 3 firm, 4 deep, 5 very-deep")
            .about(label("preferred_pressure"));
    if (e.notes)
        checked_text(*e.notes, label("notes"), TextKind::note);
}

std::int64_t add_health_entry(Clinic& clinic, const HealthInput& in)
{
    const FieldLabel& label = clinic.label();
    Catalog catalog(clinic.db());
    HealthEntry e;
    e.client_id = in.client_id;
    e.answers = in.answers;
    e.pregnancy_week = in.pregnancy_week;
    e.sensation_regions = checked_areas(catalog, in.sensation_regions, label("sensation_region"));
    if (in.surgery_at && !in.surgery_at->empty())
        e.surgery_date = parse_calendar_date(*in.surgery_at, label("surgery_at"));
    e.surgery_regions = checked_areas(catalog, in.surgery_regions, label("surgery_region"));
    e.skin_regions = checked_areas(catalog, in.skin_regions, label("skin_region"));
    if (in.avoid_regions)
        e.avoid_regions = checked_areas(catalog, *in.avoid_regions, label("avoid_region"))
                              .value_or(std::vector<BodyArea>{});
    e.preferred_pressure = in.preferred_pressure;
    if (in.notes && !in.notes->empty())
        e.notes = checked_text(*in.notes, label("notes"), TextKind::note);
    check_health_entry(e, clinic.clock().local_date(clinic.clock().now()), label);
    bool asked = e.avoid_regions || e.preferred_pressure || e.notes;
    for (Tri t : e.answers)
        asked = asked || t != Tri::unknown;
    if (!asked)
        throw InputError("the entry answers no question",
                         "give at least one answer (yes or no), an area to avoid, a preferred "
                         "pressure or notes");
    return clinic.write([&] {
        Client client = require_client(clinic, in.client_id, label("client_id"));
        if (client.archived_at)
            throw InputError(fmt::format("{} {}: {} is archived", label("client_id"),
                                         in.client_id, client.name),
                             "unarchive the client first")
                .about(label("client_id"));
        e.recorded_at = clinic.clock().now();
        e.recorded_by = clinic.actor().name;
        std::int64_t id = TableInsert<HealthEntry>(clinic.db()).insert(e);
        // Health answers stay out of the audit log; it records what was asked.
        nlohmann::json asked_list = nlohmann::json::array();
        for (const HealthQuestionSpec& q : health_questions())
            if (e.answer(q.question) != Tri::unknown)
                asked_list.push_back(q.column);
        for (auto [name, given] : {std::pair{"avoid_regions", e.avoid_regions.has_value()},
                                   {"preferred_pressure", e.preferred_pressure.has_value()},
                                   {"notes", e.notes.has_value()}})
            if (given)
                asked_list.push_back(name);
        clinic.audit_row({"create", "health", id, in.client_id, {{"fields", asked_list}}},
                         DigestTable::health_history);
        return id;
    });
}

HealthStanding::HealthStanding(const HealthStanding& other) : entries(other.entries)
{
    auto same = [&](const HealthEntry* p) -> const HealthEntry* {
        return p ? &entries[static_cast<std::size_t>(p - other.entries.data())] : nullptr;
    };
    for (std::size_t i = 0; i < answers.size(); ++i)
        answers[i] = {other.answers[i].answer, same(other.answers[i].from)};
    avoid_from = same(other.avoid_from);
    pressure_from = same(other.pressure_from);
}

HealthStanding& HealthStanding::operator=(const HealthStanding& other)
{
    if (this != &other)
        *this = HealthStanding(other);
    return *this;
}

HealthStanding standing_health(std::vector<HealthEntry> entries, Instant as_of)
{
    HealthStanding out;
    std::erase_if(entries, [&](const HealthEntry& e) { return e.recorded_at > as_of; });
    std::stable_sort(entries.begin(), entries.end(), [](const HealthEntry& a, const HealthEntry& b) {
        return a.recorded_at != b.recorded_at ? a.recorded_at < b.recorded_at : a.id < b.id;
    });
    out.entries = std::move(entries);
    for (const HealthEntry& e : out.entries) {
        for (std::size_t i = 0; i < k_health_questions; ++i)
            if (e.answers[i] != Tri::unknown)
                out.answers[i] = {e.answers[i], &e};
        if (e.avoid_regions)
            out.avoid_from = &e;
        if (e.preferred_pressure)
            out.pressure_from = &e;
    }
    return out;
}

HealthStanding read_health(Clinic& clinic, std::int64_t client_id, Instant as_of)
{
    std::optional<Catalog> catalog; // read only for an entry that names regions
    // Read at every session entry, by the guard: a kept statement.
    auto lease = clinic.statement(
        "SELECT id, client_id, recorded_at, recorded_by, anticoagulant, clot, "
        "pregnant, pregnancy_week, diabetes, reduced_sensation, sensation_regions, "
        "recent_surgery, surgery_date, surgery_regions, osteoporosis, "
        "high_blood_pressure, pacemaker, cancer_treatment, lymphoedema, "
        "skin_condition, skin_regions, avoid_regions, preferred_pressure, notes "
        "FROM health_history WHERE client_id = :client AND recorded_at <= :as_of "
        "ORDER BY recorded_at, id");
    SQLite::Statement& q = *lease;
    q.bind(":client", client_id);
    q.bind(":as_of", to_utc_text(as_of));
    using Q = HealthQuestion;
    std::vector<HealthEntry> entries;
    while (q.executeStep()) {
        HealthEntry e;
        e.id = q.getColumn(0).getInt64();
        e.client_id = q.getColumn(1).getInt64();
        e.recorded_at = from_utc_text(q.getColumn(2).getText());
        e.recorded_by = q.getColumn(3).getString();
        auto tri = [&](Q question, int column) { e.answer(question) = tri_column(q.getColumn(column)); };
        auto opt_int = [&](int column) {
            return q.getColumn(column).isNull() ? std::nullopt
                                                : std::optional(q.getColumn(column).getInt());
        };
        auto areas = [&](int column) -> std::optional<std::vector<BodyArea>> {
            if (q.getColumn(column).isNull())
                return std::nullopt;
            if (!catalog)
                catalog.emplace(clinic.db());
            return parse_areas(*catalog, q.getColumn(column).getText(), "stored regions");
        };
        tri(Q::anticoagulant, 4);
        tri(Q::clot, 5);
        tri(Q::pregnant, 6);
        e.pregnancy_week = opt_int(7);
        tri(Q::diabetes, 8);
        tri(Q::reduced_sensation, 9);
        e.sensation_regions = areas(10);
        tri(Q::recent_surgery, 11);
        e.surgery_date = opt_column(q.getColumn(12));
        e.surgery_regions = areas(13);
        tri(Q::osteoporosis, 14);
        tri(Q::high_blood_pressure, 15);
        tri(Q::pacemaker, 16);
        tri(Q::cancer_treatment, 17);
        tri(Q::lymphoedema, 18);
        tri(Q::skin_condition, 19);
        e.skin_regions = areas(20);
        e.avoid_regions = areas(21);
        e.preferred_pressure = opt_int(22);
        e.notes = opt_column(q.getColumn(23));
        entries.push_back(std::move(e));
    }
    return standing_health(std::move(entries), as_of);
}

std::string describe_answer(const HealthEntry& e, HealthQuestion q)
{
    using Q = HealthQuestion;
    Tri answer = e.answer(q);
    if (answer == Tri::unknown)
        return "not asked";
    if (answer == Tri::no)
        return "no";
    std::string out = "yes";
    auto areas = [](const std::optional<std::vector<BodyArea>>& a) {
        return a && !a->empty() ? to_string(*a) : std::string("where not recorded");
    };
    switch (q) {
    case Q::pregnant:
        if (e.pregnancy_week)
            out += fmt::format(", week {}", *e.pregnancy_week);
        break;
    case Q::reduced_sensation:
    case Q::skin_condition:
        out += ", " + areas(q == Q::skin_condition ? e.skin_regions : e.sensation_regions);
        break;
    case Q::recent_surgery:
        out += fmt::format(", {} at {}", e.surgery_date.value_or("date not recorded"),
                           areas(e.surgery_regions));
        break;
    default: break;
    }
    return out;
}

std::vector<HealthLine> health_lines(const HealthStanding& health)
{
    std::vector<HealthLine> out;
    for (const HealthQuestionSpec& q : health_questions()) {
        const StandingAnswer& a = health[q.question];
        out.push_back({std::string(q.asks), a.from ? describe_answer(*a.from, q.question) : "not asked",
                       a.from});
    }
    const HealthEntry* avoid = health.avoid_from;
    out.push_back({"areas to avoid", avoid ? to_string(*avoid->avoid_regions) : "not asked", avoid});
    const HealthEntry* pressure = health.pressure_from;
    out.push_back({"preferred pressure",
                   pressure ? fmt::format("{} ({})", *pressure->preferred_pressure,
                                          pressure_name(*pressure->preferred_pressure))
                            : "not asked",
                   pressure});
    for (auto e = health.entries.rbegin(); e != health.entries.rend(); ++e)
        if (e->notes) {
            out.push_back({"notes", *e->notes, &*e});
            break;
        }
    return out;
}

} // namespace massagelog
