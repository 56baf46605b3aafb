#pragma once
// Domain values and their text forms: each parse function accepts what a
// person types (or a CSV cell holds) and throws InputError naming `field`
// (a flag such as "--pressure", or "line 7, column pressure").

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace massagelog {

// A symptom as recorded: yes, no, or not recorded (never read as no).
enum class Tri { unknown, yes, no };

enum class Side { left, right, both, midline };

// Whether two sides of one region meet: "both" and "midline" cover either
// side; otherwise they must be the same.
constexpr bool sides_meet(Side a, Side b)
{
    return a == b || a == Side::both || b == Side::both || a == Side::midline ||
           b == Side::midline;
}

enum class ReactionKind { twitch, spasm, cramp };

enum class Frequency { occasional, frequent, constant };

enum class ReportSource { phone, in_person, form, other };

enum class FollowupOutcome { no_reaction, reaction_reported, no_answer };

// The names each enum is written as, in the database, on the command line and
// in CSV. `noun` names the value in messages.
template <class E> struct EnumNames;

template <> struct EnumNames<Tri> {
    static constexpr std::string_view noun = "answer";
    static constexpr std::array<std::pair<Tri, std::string_view>, 3> list{
        {{Tri::yes, "yes"}, {Tri::no, "no"}, {Tri::unknown, "unknown"}}};
};
template <> struct EnumNames<Side> {
    static constexpr std::string_view noun = "side";
    static constexpr std::array<std::pair<Side, std::string_view>, 4> list{
        {{Side::left, "left"}, {Side::right, "right"}, {Side::both, "both"},
         {Side::midline, "midline"}}};
};
template <> struct EnumNames<ReactionKind> {
    static constexpr std::string_view noun = "reaction kind";
    static constexpr std::array<std::pair<ReactionKind, std::string_view>, 3> list{
        {{ReactionKind::twitch, "twitch"}, {ReactionKind::spasm, "spasm"},
         {ReactionKind::cramp, "cramp"}}};
};
template <> struct EnumNames<Frequency> {
    static constexpr std::string_view noun = "frequency";
    static constexpr std::array<std::pair<Frequency, std::string_view>, 3> list{
        {{Frequency::occasional, "occasional"}, {Frequency::frequent, "frequent"},
         {Frequency::constant, "constant"}}};
};
template <> struct EnumNames<ReportSource> {
    static constexpr std::string_view noun = "source";
    static constexpr std::array<std::pair<ReportSource, std::string_view>, 4> list{
        {{ReportSource::phone, "phone"}, {ReportSource::in_person, "in-person"},
         {ReportSource::form, "form"}, {ReportSource::other, "other"}}};
};
template <> struct EnumNames<FollowupOutcome> {
    static constexpr std::string_view noun = "outcome";
    static constexpr std::array<std::pair<FollowupOutcome, std::string_view>, 3> list{
        {{FollowupOutcome::no_reaction, "no-reaction"},
         {FollowupOutcome::reaction_reported, "reaction-reported"},
         {FollowupOutcome::no_answer, "no-answer"}}};
};

// ASCII case changes (names and keywords are ASCII; other bytes pass).
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
// A name as typed, in the form massagelog stores it: lower case, '_' read
// as '-' ("Deep_Tissue" -> "deep-tissue").
std::string canonical_name(std::string_view text);

// "left, right, both or midline", for hints.
std::string choices_text(const std::string_view* names, std::size_t count);

[[noreturn]] void throw_not_one_of(std::string_view field, std::string_view text,
                                   std::string_view noun, const std::string& choices);

template <class E> std::string_view to_string(E value)
{
    for (const auto& [v, name] : EnumNames<E>::list)
        if (v == value)
            return name;
    return "?";
}

// Parses one of EnumNames<E>'s names (case-insensitive; '_' reads as '-').
template <class E> E parse_enum(std::string_view text, std::string_view field)
{
    std::string norm = canonical_name(text);
    std::array<std::string_view, EnumNames<E>::list.size()> names{};
    for (std::size_t i = 0; i < names.size(); ++i) {
        names[i] = EnumNames<E>::list[i].second;
        if (norm == names[i])
            return EnumNames<E>::list[i].first;
    }
    throw_not_one_of(field, text, EnumNames<E>::noun, choices_text(names.data(), names.size()));
}

// A yes/no answer; "unknown" or an empty text reads as not recorded.
Tri parse_tri(std::string_view text, std::string_view field);
// The database form of a Tri: 1, 0, or NULL (as std::nullopt).
// Inline: the history reader calls them for every answer of every report.
inline std::optional<int> tri_to_db(Tri t)
{
    if (t == Tri::unknown)
        return std::nullopt;
    return t == Tri::yes ? 1 : 0;
}
inline Tri tri_from_db(std::optional<int> v)
{
    if (!v)
        return Tri::unknown;
    return *v ? Tri::yes : Tri::no;
}
// "yes", "no" or "" (CSV's empty cell for not recorded).
std::string_view tri_to_cell(Tri t);

// Pressure 1..5, as a digit or its name (light, moderate, firm, deep, very-deep).
int parse_pressure(std::string_view text, std::string_view field);
std::string_view pressure_name(int pressure);

// A whole number within [lo, hi].
long long parse_int(std::string_view text, std::string_view field, long long lo, long long hi);

// Region as typed for a session: R[:SIDE][:PRESSURE][:focal]. The region name
// is checked against the database by the caller.
struct RegionSpec {
    std::string region;
    std::optional<Side> side;
    std::optional<int> pressure;
    bool focal = false;
};
enum class RegionExtras { side_only, side_pressure_focal };
RegionSpec parse_region_spec(std::string_view text, std::string_view field, RegionExtras extras);

// How much text a field takes.
enum class TextKind {
    line, // names, phone numbers: one line, at most 200 characters
    note  // notes: several lines, at most k_max_note_bytes
};
inline constexpr std::size_t k_max_line_chars = 200;
inline constexpr std::size_t k_max_note_bytes = 1024 * 1024;

// Returns `text` when it is valid UTF-8 without NUL bytes (or other control
// characters, except tab and newlines in notes) and within its size: a note
// unchanged, a line in NFC and refused when it holds an invisible or
// bidirectional control character (text.hpp). Throws InputError naming
// `field` otherwise.
std::string checked_text(std::string_view text, std::string_view field, TextKind kind);

// `text` for a message: one line, control bytes escaped, at most 80 bytes.
std::string quote_value(std::string_view text);
// `text` as valid UTF-8 on one line: control bytes and bytes that are not
// UTF-8 written as \xNN.
std::string printable(std::string_view text);

} // namespace massagelog

namespace massagelog {

// Names a field in messages. Fields are named as their CSV columns
// ("client_id", "started_at"); the command line says "--client", "--at",
// an import "line 7, column client_id: value".
using FieldLabel = std::function<std::string(std::string_view column)>;
// A field named as its column: the label a Clinic uses unless its front
// end sets its own (the command line's "--client" for client_id).
std::string column_label(std::string_view column);

// Where a hint sends someone next. Lib names the place; each front end
// names it in its own words: the command line as the command to run
// ("'massagelog client list'"), the web as its page. `arg` is the step's
// subject (a client's id, a zone, a table), or empty.
enum class Next {
    list_clients, find_client, find_archived_client, list_therapists, list_sessions, calls_due,
    client_flags,            // arg: the client's id
    unarchive_client,        // arg: the client's id
    create_database, backup_database, migrate_database, check_database,
    set_timezone             // arg: the zone
};
using NextWords = std::function<std::string(Next step, std::string_view arg)>;
// Words no front end chose ("the list of clients"): what a Clinic says
// unless its front end sets its own.
std::string plain_next(Next step, std::string_view arg);

// How a front end words what lib says: fields and next steps.
struct Wording {
    FieldLabel label = column_label;
    NextWords next = plain_next;
};

// The seven symptoms a report records, each tri-state.
enum class Symptom { weakness, loss_of_control, pain, fatigue, vision_changes, numbness, stiffness };
inline constexpr std::array<std::string_view, 7> k_symptom_names{
    "weakness", "loss_of_control", "pain", "fatigue", "vision_changes", "numbness", "stiffness"};

// A symptom as people read it: "loss of control".
std::string symptom_label(std::size_t index);

struct Symptoms {
    std::array<Tri, 7> values{};
    Tri& operator[](Symptom s) { return values[static_cast<std::size_t>(s)]; }
    Tri operator[](Symptom s) const { return values[static_cast<std::size_t>(s)]; }
};

} // namespace massagelog
