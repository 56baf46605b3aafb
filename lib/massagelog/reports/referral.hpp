#pragma once
// The referral letter to a physician: why the clinic refers the client (the
// refer flags with their evidence, guidance and source), the sessions and
// reactions in the look-back, the health history, and what the clinic has
// paused until the physician clears it.

#include "massagelog/reports/summary_model.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace massagelog {

class Clinic;

struct ReferralRequest {
    // "RULE:EVIDENCE" (as `flags` prints them); none: every refer flag of
    // the client not cleared or dismissed.
    std::vector<std::string> flags;
    std::optional<std::string> to; // the physician or practice written to
    std::optional<Instant> as_of;  // now when empty
};

struct Referral {
    // The client's record cut to the letter: the flags referred for, the
    // sessions from nerve.lookback_days before the first of theirs, and the
    // reactions after those sessions.
    ClientSummary record;
    std::optional<std::string> to;
    std::string clinic;                  // clinic.name, or empty
    std::vector<std::string> therapists; // who worked the sessions, by name
    std::vector<std::string> paused;     // "shoulder left": no work until cleared
    std::string lookback_from;           // the look-back's first day
};

// Throws InputError naming --flag for a flag the client does not have, and
// when no refer flag stands to refer for.
Referral build_referral(Clinic& clinic, std::int64_t client_id, const ReferralRequest& request);

// The letter as one self-contained XHTML file, A4 with page numbers when
// printed (WeasyPrint turns it into the PDF).
void render_referral_html(const Referral& referral, const ClinicClock& clock, std::ostream& out);

// The forms a letter is written in: "html", "pdf" or "fhir". Throws
// InputError naming `field` for anything else.
enum class ReferralFormat { html, pdf, fhir };
ReferralFormat parse_referral_format(std::string_view text, std::string_view field);

// The letter's bytes in `format`, made in full before anything is written
// or audited (a PDF that fails is not an export).
std::string referral_bytes(const Referral& referral, ReferralFormat format,
                           const ClinicClock& clock);

} // namespace massagelog
