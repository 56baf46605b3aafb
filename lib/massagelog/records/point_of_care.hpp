#pragma once
// The flags at the point of care: what stands for a client when a session
// is entered, the areas a refer flag guards, the contraindications of the
// client's health history, and what a write that goes ahead despite them
// records. Session entry, void and client archive ask
// here, so each refuses and audits in the same words.

#include "massagelog/records/sessions.hpp"
#include "massagelog/rules/flag.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace massagelog {

class Catalog;
class Clinic;

// The client's refer and watch flags as of `as_of` that no review has
// released (cleared or dismissed, covering their evidence): refer first.
// `catalog`, when given, saves reading the regions and techniques again.
std::vector<Flag> standing_flags(Clinic& clinic, std::int64_t client_id, Instant as_of,
                                 const Catalog* catalog = nullptr);

// A region a session would work that a standing refer flag guards.
struct GuardedRegion {
    const Flag* flag = nullptr;
    SessionRegion region;
};

// The regions of `regions` under a region-bound refer flag of `standing`
// (same region; sides meet, "both" and "midline" matching either). A
// client-wide flag (recurrent) guards no region.
std::vector<GuardedRegion> guarded_regions(const std::vector<Flag>& standing,
                                           const std::vector<SessionRegion>& regions);
// The same for the regions `input` would work, resolved (default side and
// pressure) and checked as session add checks them: throws InputError.
std::vector<GuardedRegion> guarded_regions(Clinic& clinic, const std::vector<Flag>& standing,
                                           const SessionInput& input);

// The contraindication check of a session about to be entered (`input`,
// its regions resolved as `regions`) against the client's health history
// as it stands now; the second resolves and checks the regions itself, as
// session add does (throws InputError).
ContraCheck session_contraindications(Clinic& clinic, const SessionInput& input,
                                      const std::vector<SessionRegion>& regions,
                                      const Catalog* catalog = nullptr);
ContraCheck session_contraindications(Clinic& clinic, const SessionInput& input);

// The client's refer flags that no review covers: what voiding a session
// or archiving the client would hide.
std::vector<Flag> unreviewed_refer_flags(Clinic& clinic, std::int64_t client_id);
// Those of them that rest on one session of the client (its reports, or
// its deep work behind a nerve flag): what voiding it would hide.
std::vector<Flag> refer_flags_resting_on(Clinic& clinic, std::int64_t client_id,
                                         std::int64_t session_id);

// "nerve [s3:shoulder:left] (pain yes in ...)", one per flag, "; " between.
std::string list_flags(const std::vector<const Flag*>& flags);

// What an audit row records of the flags a write went ahead despite.
nlohmann::json overridden_flags(const std::vector<const Flag*>& flags);

// The reason given with --despite-flags, checked (one line, not empty);
// nothing when none was given.
std::optional<std::string> despite_reason(Clinic& clinic, const std::optional<std::string>& raw);

} // namespace massagelog
