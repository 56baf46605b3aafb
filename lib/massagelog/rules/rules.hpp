#pragma once
// The flag rules: each one a small unit in its own file, evaluated on one
// client's history at a time. docs/rules.md is the user's reference.

#include "massagelog/rules/flag.hpp"
#include "massagelog/rules/history.hpp"

#include <functional>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace massagelog {

class ClinicClock;

// The settings the rules read (config set persist.watch_days 4, ...).
struct Thresholds {
    long long persist_watch_days = 3;
    long long persist_refer_days = 14;
    long long recur_count = 3;
    long long recur_window_days = 90;
    long long nerve_lookback_days = 7;
};

struct RuleContext {
    Instant as_of{};
    const ClinicClock& clock;
    Thresholds thresholds;
    // The regions a session worked (for the nerve rule, which asks only for
    // the sessions in its look-back); looked up on demand.
    std::function<std::vector<SessionRegion>(std::int64_t session_id)> session_regions;
    // When the client's health history, as of as_of, came to say clot yes
    // (for the clot rule); nothing when it does not say so.
    std::function<std::optional<Instant>(std::int64_t client_id)> clot_history;
};

// Adds the flags one rule finds in `history` to `flags`. Rules run in the
// order of rule_table(), so a rule may look at the flags found before it.
using RuleFn = void (*)(const ClientHistory& history, const RuleContext& context,
                        std::vector<Flag>& flags);

struct RuleSpec {
    std::string_view id;
    RuleFn evaluate;
};

const std::vector<RuleSpec>& rule_table();

namespace rules {

void persistent(const ClientHistory&, const RuleContext&, std::vector<Flag>&);
void weakness(const ClientHistory&, const RuleContext&, std::vector<Flag>&);
void worsening(const ClientHistory&, const RuleContext&, std::vector<Flag>&);
void trunk(const ClientHistory&, const RuleContext&, std::vector<Flag>&);
void clot(const ClientHistory&, const RuleContext&, std::vector<Flag>&);
void nerve(const ClientHistory&, const RuleContext&, std::vector<Flag>&);
void spread(const ClientHistory&, const RuleContext&, std::vector<Flag>&);
void recurrent(const ClientHistory&, const RuleContext&, std::vector<Flag>&);
void accompanied(const ClientHistory&, const RuleContext&, std::vector<Flag>&);

// A flag of `history`'s client with its rule, level and advice, and the
// evidence key that names what fired it; no sessions or reports yet.
Flag client_flag(const ClientHistory& history, std::string_view rule, Level level,
                 const Advice& advice, std::string evidence_key);

// Adds `reports` to `flag`: their ids, the latest told to its recency and
// the latest known to its evidence time (what a review must have seen).
void add_reports(Flag& flag, std::span<const ReportFacts> reports);
void add_reports(Flag& flag, const std::vector<const ReportFacts*>& reports);

// A flag about one bout of an episode: keyed by the bout ("s12:calf:left",
// then ".../bout2"), bound to the episode's region and side, with its
// session and evidence; its reports are added by the rule.
Flag bout_flag(const ClientHistory& history, const Episode& episode, const Bout& bout,
               std::string_view rule, Level level, const Advice& advice, std::string evidence);

// The reports among `reports` that answered yes to any of `which`.
std::vector<const ReportFacts*> reports_with(std::span<const ReportFacts> reports,
                                             std::initializer_list<Symptom> which);

// "calf left": where an episode is.
std::string where(const Episode& episode);

// How long after `from` `to` is on the clinic's wall clock, so that "3 days
// after Saturday noon" is Tuesday noon across a DST change.
std::chrono::seconds clinic_elapsed(const ClinicClock& clock, Instant from, Instant to);

// What an open bout's reports say of its presence: empty when the latest
// says still present; "still present not recorded" when none said so;
// "last said still present 2026-11-03 10:00, not recorded since" between.
std::string presence_unconfirmed(const Bout& bout, const ClinicClock& clock);

// "5 d 3 h", "3 d 0 h 1 min".
std::string describe_duration(std::chrono::seconds d);

// "weakness, pain" for the symptoms in `which` that a report answered yes.
std::string yes_symptoms(const ReportFacts& report, std::initializer_list<Symptom> which);

// "weakness yes in report 3 (2026-11-02 10:00); pain yes in report 5 (...)"
// for `reports` (from reports_with(..., which)).
std::string yes_in_reports(const std::vector<const ReportFacts*>& reports,
                           const RuleContext& context, std::initializer_list<Symptom> which);

// "; reports 4 and 5 (2026-11-03 10:00) disagree on still present, so it is
// taken as present", or empty when the bout's state is not in dispute.
std::string conflict_note(const Bout& bout, const ClinicClock& clock);

// The instant that is `days` clinic calendar days after `from` (the same
// wall-clock time that many dates later).
Instant days_after(const ClinicClock& clock, Instant from, long long days);

} // namespace rules

} // namespace massagelog
