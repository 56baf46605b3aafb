#pragma once
// A client's health history (SPEC 2): dated entries of answers to a fixed,
// extensible list of questions, each yes, no or not asked. An entry is
// never edited in place: a later one supersedes it question by question.
// The answer that stands for a question is the latest entry's that asked
// it; an entry that leaves a question out leaves the earlier answer
// standing, since "not asked" is never read as "no".

#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"
#include "massagelog/store/row_table.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace massagelog {

class Catalog;
class Clinic;

enum class HealthQuestion {
    anticoagulant,
    clot,
    pregnant,
    diabetes,
    reduced_sensation,
    recent_surgery,
    osteoporosis,
    high_blood_pressure,
    pacemaker,
    cancer_treatment,
    lymphoedema,
    skin_condition,
};
inline constexpr std::size_t k_health_questions = 12;

struct HealthQuestionSpec {
    HealthQuestion question;
    // The column, the CSV column and, with dashes, the option
    // ("high_blood_pressure", --high-blood-pressure).
    std::string_view column;
    // What it asks, for prompts and pages: "anticoagulant or antiplatelet
    // medication".
    std::string_view asks;
};

// Every question, in the order forms ask them.
const std::array<HealthQuestionSpec, k_health_questions>& health_questions();
const HealthQuestionSpec& health_question(HealthQuestion question);

// A region and side a health history names ("calf:left").
struct BodyArea {
    std::string region;
    Side side = Side::midline;
    bool operator==(const BodyArea&) const = default;
};

// "calf:left foot:both", as stored and in CSV; "none" for an empty list
// (asked, nothing to name).
std::string to_string(const std::vector<BodyArea>& areas);

// Reads the stored form back, checking each region and side against the
// catalog ("none": an empty list); InputError names `field`. A region
// without a side gets its
// default side: both sides for a paired region.
std::vector<BodyArea> parse_areas(const Catalog& catalog, std::string_view text,
                                  std::string_view field);

// One entry as stored.
struct HealthEntry {
    std::int64_t id = 0;
    std::int64_t client_id = 0;
    Instant recorded_at{};
    std::string recorded_by;
    std::array<Tri, k_health_questions> answers{}; // Tri::unknown: not asked
    std::optional<int> pregnancy_week;             // with pregnant yes
    std::optional<std::vector<BodyArea>> sensation_regions; // with reduced_sensation yes
    std::optional<std::string> surgery_date;                // "YYYY-MM-DD", with recent_surgery yes
    std::optional<std::vector<BodyArea>> surgery_regions;   // with recent_surgery yes
    std::optional<std::vector<BodyArea>> skin_regions;      // with skin_condition yes
    // Asked (empty: nowhere) or not asked.
    std::optional<std::vector<BodyArea>> avoid_regions;
    std::optional<int> preferred_pressure;
    std::optional<std::string> notes;

    Tri answer(HealthQuestion q) const { return answers[static_cast<std::size_t>(q)]; }
    Tri& answer(HealthQuestion q) { return answers[static_cast<std::size_t>(q)]; }
};

template <> struct RowTable<HealthEntry> {
    static const char* const insert_sql;
    static void bind(SQLite::Statement& insert, const HealthEntry& row);
};

// Checks an entry by the rules of entry and import: a detail only with its
// yes, a pregnancy week 1-45, a surgery date not after `today` (clinic
// date), text fit for its field. InputError names the field with `label`.
void check_health_entry(const HealthEntry& entry, const std::string& today,
                        const FieldLabel& label);

// An entry as typed: region specs ("calf:left", "hand") not yet checked.
struct HealthInput {
    std::int64_t client_id = 0;
    std::array<Tri, k_health_questions> answers{};
    std::optional<int> pregnancy_week;
    std::vector<RegionSpec> sensation_regions;
    std::optional<std::string> surgery_at; // a date
    std::vector<RegionSpec> surgery_regions;
    std::vector<RegionSpec> skin_regions;
    // Given when asked; none asked and none to avoid is an empty list.
    std::optional<std::vector<RegionSpec>> avoid_regions;
    std::optional<int> preferred_pressure;
    std::optional<std::string> notes;

    Tri& answer(HealthQuestion q) { return answers[static_cast<std::size_t>(q)]; }
};

// Adds an entry to an active client's health history, recorded now by the
// clinic's actor; checked, audited (which questions it answered, not the
// answers), one transaction. Throws InputError naming the field.
std::int64_t add_health_entry(Clinic& clinic, const HealthInput& input);

// An answer that stands, and the entry it comes from (none: never asked).
struct StandingAnswer {
    Tri answer = Tri::unknown;
    const HealthEntry* from = nullptr;
};

// A client's health history and what stands of it.
struct HealthStanding {
    std::vector<HealthEntry> entries; // oldest first (recorded_at, then id)
    std::array<StandingAnswer, k_health_questions> answers{};
    // The latest entry that asked about areas to avoid, and that gave a
    // preferred pressure.
    const HealthEntry* avoid_from = nullptr;
    const HealthEntry* pressure_from = nullptr;

    const StandingAnswer& operator[](HealthQuestion q) const
    {
        return answers[static_cast<std::size_t>(q)];
    }
    bool yes(HealthQuestion q) const { return (*this)[q].answer == Tri::yes; }

    HealthStanding() = default;
    // A copy points its answers at its own entries.
    HealthStanding(const HealthStanding& other);
    HealthStanding& operator=(const HealthStanding& other);
    HealthStanding(HealthStanding&&) = default;
    HealthStanding& operator=(HealthStanding&&) = default;
};

// What stands from `entries` (oldest first), as recorded by `as_of`.
HealthStanding standing_health(std::vector<HealthEntry> entries, Instant as_of);

// The client's health history as recorded by `as_of`: one indexed read.
HealthStanding read_health(Clinic& clinic, std::int64_t client_id, Instant as_of);

// "no", "yes", "not asked", with the details of a yes ("yes, week 20";
// "yes, hand:left"; "yes, 2026-06-01 at knee:left").
std::string describe_answer(const HealthEntry& entry, HealthQuestion q);

// What stands, a line per question (in the order forms ask them), then
// the areas to avoid, the preferred pressure and the latest notes: how
// every front end shows a health history. A question never asked says
// "not asked".
struct HealthLine {
    std::string question; // "anticoagulant or antiplatelet medication"
    std::string answer;   // "yes", "no", "not asked", "yes, week 20", "calf:left"
    const HealthEntry* from = nullptr; // the entry it comes from; none: not asked
};
std::vector<HealthLine> health_lines(const HealthStanding& health);

} // namespace massagelog
