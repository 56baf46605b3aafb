#pragma once
// The contraindication rules (SPEC 3): a session checked, as it is
// entered, against what stands of the client's health history. Each rule
// is a small unit with its guidance and source; a `block` refuses the
// session unless it goes ahead with a reason, a `warn` is shown and the
// session saved. A question not asked never blocks: it is named as not
// asked. docs/rules.md is the user's reference.

#include "massagelog/core/time.hpp"
#include "massagelog/records/health.hpp"
#include "massagelog/records/session_region.hpp"
#include "massagelog/rules/flag.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace massagelog {

class Catalog;
class Clinic;

enum class ContraEffect { warn, block };
std::string_view to_string(ContraEffect effect);

// The settings the rules read (config set caution.anticoagulant_max_pressure 1).
struct CautionLimits {
    int anticoagulant_max_pressure = 2;
    int neuropathy_max_pressure = 2;
};
CautionLimits read_caution_limits(Clinic& clinic);

// One rule that fired on one session.
struct Contraindication {
    std::string_view rule;              // "clot"
    ContraEffect effect = ContraEffect::warn;
    std::optional<SessionRegion> region; // the region it blocks; none: the whole session
    std::string answer;  // "clot yes (recorded 2026-11-01 10:00)"
    std::string reason;  // "no work on the thigh, calf, shin or foot"
    const Advice* advice = nullptr;
};

// What a session is checked with.
struct ContraSession {
    int pressure = 0;                   // the session's
    std::vector<SessionRegion> regions; // resolved: side and pressure filled in
    Instant started_at{};
};

struct ContraContext {
    const HealthStanding& health;
    const Catalog& catalog;
    const ClinicClock& clock;
    CautionLimits limits;
};

struct ContraCheck {
    std::vector<Contraindication> found; // blocks first, then warnings, in rule order
    // The questions a rule reads that no entry asked: named, never read as no.
    std::vector<std::string_view> not_asked;
    bool no_history = false; // the client has no health history at all

    std::vector<const Contraindication*> blocks() const;
    bool blocked() const;
};

// Whether what stands of a health history can refuse a session: a yes to
// a question a blocking rule reads, or an area to avoid.
bool can_block(const HealthStanding& health);

// What the check says of a client with no health history: nothing found,
// every question not asked.
ContraCheck no_history_check();

// Runs every contraindication rule on `session`.
ContraCheck check_contraindications(const ContraSession& session, const ContraContext& context);

// "calf:left:2 (clot: no work on the thigh, calf, shin or foot; clot yes
// (recorded 2026-11-01 10:00))"; "the session (...)" for a rule not bound
// to a region.
std::string describe(const Contraindication& c);

// Whether `started_at` (clinic date) is within 6 months of `date`
// ("YYYY-MM-DD"), the day 6 months on included; the months are calendar
// months, the 31st falling back to the month's last day.
bool within_six_months(std::string_view date, Instant started_at, const ClinicClock& clock);

namespace contra {

// The rules, each a small unit: adds what it finds to `out`.
using ContraRule = void (*)(const ContraSession&, const ContraContext&,
                            std::vector<Contraindication>& out);
void clot(const ContraSession&, const ContraContext&, std::vector<Contraindication>&);
void anticoagulant(const ContraSession&, const ContraContext&, std::vector<Contraindication>&);
void sensation(const ContraSession&, const ContraContext&, std::vector<Contraindication>&);
void pregnancy(const ContraSession&, const ContraContext&, std::vector<Contraindication>&);
void local(const ContraSession&, const ContraContext&, std::vector<Contraindication>&);
void caution(const ContraSession&, const ContraContext&, std::vector<Contraindication>&);

} // namespace contra

} // namespace massagelog
