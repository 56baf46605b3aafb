#pragma once
// A client's reactions as the rules see them: episodes (session + region +
// side) with their reports, read as of one instant.

#include "massagelog/catalog.hpp"
#include "massagelog/sessions.hpp"
#include "massagelog/time.hpp"
#include "massagelog/values.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace massagelog {

class Clinic;

struct ReportFacts {
    std::int64_t id = 0;
    Instant reported_at{};
    Instant onset_at{};
    ReactionKind kind = ReactionKind::twitch;
    int severity = 0;
    std::optional<Frequency> frequency;
    Tri still_present = Tri::unknown;
    std::optional<Instant> resolved_at;
    Symptoms symptoms;
};

// One reaction followed over time: the reports of one session, region and
// side. Its onset is the earliest onset; it is closed by the first report
// that says the reaction is gone or gives resolved_at.
struct Episode {
    std::int64_t session_id = 0;
    Instant session_started{};
    const Region* region = nullptr;
    Side side = Side::midline;
    // By reported_at, then id; a view into the ClientHistory's storage.
    std::span<const ReportFacts> reports;

    Instant onset() const;
    std::optional<Instant> closed_at() const;
    bool open() const { return !closed_at().has_value(); }
    Instant latest_report() const;
    // "s12:calf:left"
    std::string key() const;
};

struct ClientHistory {
    std::int64_t client_id = 0;
    std::vector<Episode> episodes; // by session id, then region and side
    // Every report of the client, episode after episode: the episodes'
    // views point here, so a client's reports take one allocation.
    std::vector<ReportFacts> reports;

    ClientHistory() = default;
    // A copy points its episodes at its own reports.
    ClientHistory(const ClientHistory& other);
    ClientHistory& operator=(const ClientHistory& other);
    ClientHistory(ClientHistory&&) = default;
    ClientHistory& operator=(ClientHistory&&) = default;
};

// Streams every client with reactions (or one client), one history at a
// time, as of `as_of`: sessions not voided that started by then, reports
// made by then. Archived clients are left out of the whole clinic, not when
// one client is asked for. Names are not read: most clients raise no flag.
void each_client_history(Clinic& clinic, const Catalog& catalog,
                         std::optional<std::int64_t> client_id, Instant as_of,
                         const std::function<void(const ClientHistory&)>& visit);

} // namespace massagelog
