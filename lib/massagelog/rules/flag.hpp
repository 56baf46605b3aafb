#pragma once
// Flags: explained, sourced warnings computed from a client's sessions and
// reported reactions. They are never stored; reviews attach to them by rule,
// client and evidence key.

#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace massagelog {

enum class Level { info, watch, refer };

template <> struct EnumNames<Level> {
    static constexpr std::string_view noun = "level";
    static constexpr std::array<std::pair<Level, std::string_view>, 3> list{
        {{Level::info, "info"}, {Level::watch, "watch"}, {Level::refer, "refer"}}};
};

// What a review did. `cleared`: a physician (or the owner, on their word)
// cleared the client to be worked on the area again. A note is required
// for cleared and dismissed.
enum class ReviewAction { acknowledged, referred, cleared, dismissed };

template <> struct EnumNames<ReviewAction> {
    static constexpr std::string_view noun = "review action";
    static constexpr std::array<std::pair<ReviewAction, std::string_view>, 4> list{
        {{ReviewAction::acknowledged, "acknowledged"},
         {ReviewAction::referred, "referred"},
         {ReviewAction::cleared, "cleared"},
         {ReviewAction::dismissed, "dismissed"}}};
};

// Whether a review of this kind lets the area be worked again: a flag
// reviewed otherwise (acknowledged, referred) still guards its area.
inline bool releases_area(ReviewAction a)
{
    return a == ReviewAction::cleared || a == ReviewAction::dismissed;
}

struct Review {
    Instant at{};
    std::string by;
    ReviewAction action = ReviewAction::acknowledged;
    std::optional<std::string> note;
};

// What staff should do about a flag and where the rule comes from, one per
// rule and level, kept beside the rule that gives it for the life of the
// program (flags point into it). The source is written with the articles'
// file names, as docs/rules.md cites them, and read with their titles.
struct Advice {
    Advice(std::string_view guidance, std::string_view source);
    std::string_view guidance;
    std::string source;
};

struct Flag {
    std::string rule;  // "persistent", "weakness", ...
    Level level = Level::info;
    std::int64_t client_id = 0;
    std::string client_name;
    // Stable name of what fired it, for reviews: "s12:calf:left" (an
    // episode), "open:s8:calf:left+s8:forearm:right", "sessions:3,9,14".
    std::string evidence_key;
    std::vector<std::int64_t> report_ids;
    std::vector<std::int64_t> session_ids;
    std::string evidence; // the figures that fired it
    std::string_view guidance; // what staff should do (static text of the rule)
    std::string_view source;   // where the rule comes from (static text of the rule)
    Instant at{};         // the latest report or session behind it: recency
    // When its evidence last changed: the latest of its reports to be told
    // and entered, or when it crossed its threshold. A review covers the
    // flag only if made at or after this instant.
    Instant evidence_at{};
    // The area it is about (an episode's region and side); empty for a
    // client-wide flag (spread, recurrent), which guards no one area.
    std::string region;
    Side side = Side::midline;
    // A watch that gives way while an unreviewed refer flag stands on the
    // same evidence key (accompanied's pain or fatigue).
    bool yields_to_refer = false;
    std::optional<Review> review;        // the latest, if it covers the evidence
    std::vector<Review> earlier_reviews; // the ones before it, oldest first: history
    // Whether a review stands that lets the area be worked again.
    bool released() const { return review && releases_area(review->action); }
    // A refer flag no review covers: it heads the lists and asks for a call.
    bool unreviewed_refer() const { return level == Level::refer && !review; }
};

// "referred by Dr Lee on 2026-11-21 10:00: note".
std::string describe_review(const Review& review, const ClinicClock& clock);

} // namespace massagelog
