#pragma once
// A client's reactions as the rules see them: episodes (session + region +
// side) with their reports, read as of one instant.

#include "massagelog/core/catalog.hpp"
#include "massagelog/records/sessions.hpp"
#include "massagelog/core/reaction.hpp"
#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace massagelog {

class Clinic;

// A stored report as the rules read it: the reaction, where, and when it
// was told.
struct ReportFacts : Reaction {
    std::int64_t id = 0;
    Instant reported_at{};
    // When the clinic could first know of it: told (reported_at) and
    // entered (created_at). A review made before then did not see it.
    Instant known_at{};
    Side side = Side::midline; // as reported: "both" joins the left and right episodes
};

// Two reports told at the same instant that disagree on whether the
// reaction is still present: the bout stays open, and the evidence says so.
struct PresenceConflict {
    std::int64_t present_report = 0; // said still present
    std::int64_t gone_report = 0;    // said gone, or gave resolved_at
    Instant reported_at{};
};

// One stretch of an episode during which the reaction was present: from
// its onset until a report says it is gone (still present no) or gives
// resolved_at. A later report whose onset is after that resolution starts
// the next bout: the reaction came back. A report with an earlier onset
// that says the reaction is still present reopens the bout it belongs to.
// Reports told at the same instant are read together: when they disagree
// on presence the bout stays open (`conflict` names them).
struct Bout {
    std::span<const ReportFacts> reports; // by reported_at, then id
    Instant onset{};                       // the earliest onset of its reports
    std::optional<Instant> closed_at;      // when it resolved; empty while open
    // Whether closed_at was given (resolved_at); otherwise it is the time of
    // the report that said the reaction was gone: "gone by", "at most".
    bool resolution_known = false;
    std::optional<PresenceConflict> conflict; // why an open bout is open despite a "gone"
    std::size_t number = 1;                // 1 for the first bout, 2 for a return, ...
    bool open() const { return !closed_at.has_value(); }
    // The bout's key within its episode: "s12:calf:left", "s12:calf:left/bout2".
    std::string key(const std::string& episode_key) const;
    // The latest of its reports that said the reaction was still present,
    // or null: an open bout is one nobody has reported gone, which is not
    // the same as one somebody has reported present.
    const ReportFacts* last_said_present() const;
};

// One reaction followed over time: the reports of one session, region and
// side, in one or more bouts. Its onset is the earliest onset; it is open
// while its current (latest) bout is. A report on side "both" belongs to
// the left and the right episode of its session and region; when only
// "both" reports exist for them, they are one episode on side both.
struct Episode {
    std::int64_t session_id = 0;
    Instant session_started{};
    const Region* region = nullptr;
    Side side = Side::midline;
    // By reported_at, then id; a view into the ClientHistory's storage.
    std::span<const ReportFacts> reports;

    Instant onset() const;
    // Every bout, oldest first (at least one).
    std::vector<Bout> bouts() const;
    // The latest bout, the one whose state is the episode's.
    Bout current_bout() const;
    bool open() const { return current_bout().open(); }
    Instant latest_report() const;
    // "s12:calf:left"
    std::string key() const;
    // The current bout's key: the episode's key for the first bout, then
    // "s12:calf:left/bout2", so a reaction that came back is a new flag to
    // review rather than one hidden behind the review of the first bout.
    std::string current_bout_key() const;
};

// A session of the client that counts as of the history's instant (not
// voided, started by then), whether or not a reaction was reported after it:
// the nerve rule looks back over them from each report's onset.
struct SessionVisit {
    std::int64_t id = 0;
    std::array<char, 20> started{}; // as stored: orders as the instants do
    Instant started_at() const;
};

struct ClientHistory {
    std::int64_t client_id = 0;
    std::vector<Episode> episodes; // by session id, then region and side
    // Every report of the client, episode after episode: the episodes'
    // views point here, so a client's reports take one allocation.
    std::vector<ReportFacts> reports;
    // The sessions of the client that count, by start (SessionVisit): at
    // least each one that started within the look-back asked for before a
    // report's onset (see each_client_history).
    std::vector<SessionVisit> sessions;

    ClientHistory() = default;
    // A copy points its episodes at its own reports.
    ClientHistory(const ClientHistory& other);
    ClientHistory& operator=(const ClientHistory& other);
    ClientHistory(ClientHistory&&) = default;
    ClientHistory& operator=(ClientHistory&&) = default;
};

// Whether the whole clinic's histories include archived clients (one
// client asked for by id is always read).
enum class ArchivedClients { skip, include };

// Streams every client with reactions (or one client), one history at a
// time, as of `as_of`: sessions not voided that started by then, reports
// made by then. Archived clients are left out of the whole clinic unless
// `archived` says otherwise. Names are not read: most clients raise no flag.
//
// A history's sessions are those a walk back of `look_back` from a report's
// onset meets (the nerve rule's): one client's history reads only the
// sessions from its earliest onset less the look-back (and two days more,
// for a clock change of the clinic's zone) to its latest onset, where a
// client seen weekly for years has hundreds; the whole clinic's pass reads
// every session in one stream beside the reports and holds them all.
void each_client_history(Clinic& clinic, const Catalog& catalog,
                         std::optional<std::int64_t> client_id, Instant as_of,
                         std::chrono::days look_back,
                         const std::function<void(const ClientHistory&)>& visit,
                         ArchivedClients archived = ArchivedClients::skip);

} // namespace massagelog
