#pragma once
// Builds a client's history through the real records API and evaluates the
// flags at a given clinic time.

#include "fixture.hpp"

#include <massagelog/rules/flags.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/records/reactions.hpp>
#include <massagelog/records/sessions.hpp>
#include <massagelog/store/config.hpp>
#include <massagelog/store/settings.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace massagelog::testing {

struct ReportSpec {
    std::string onset;          // clinic time
    std::string reported;       // clinic time; default: an hour after the onset
    std::string region = "calf";
    int severity = 3;
    std::optional<Frequency> frequency;
    Tri still_present = Tri::yes;
    std::string resolved;       // clinic time, or empty
    std::map<Symptom, Tri> symptoms;
    ReactionKind kind = ReactionKind::twitch;
};

class RulesFixture : public ClinicFixture {
public:
    explicit RulesFixture(const std::string& zone = "America/New_York") : ClinicFixture(zone)
    {
        therapist = add_therapist(clinic(), {"Rosa Larsen", std::nullopt});
        client = add_client(clinic(), {"Ana Souza", {}, {}, {}, {}});
    }

    Instant at(const std::string& local) { return clinic().clock().parse(local, "test time"); }

    // A session of the history under test. It is entered as it happened:
    // the guard at the point of care (tests/lib/records/test_point_of_care.cpp)
    // is told to go ahead on an area a flag guards.
    std::int64_t session(const std::string& start, std::vector<std::string> regions = {"calf"},
                         int pressure = 2, const std::string& technique = "swedish")
    {
        SessionInput in = session_input(client, therapist, at(start), regions, pressure, technique);
        in.despite_flags_reason = "history for a rule test";
        return add_session(clinic(), in).id;
    }

    std::int64_t report(std::int64_t session_id, const ReportSpec& spec)
    {
        ReportInput in;
        in.session_id = session_id;
        in.onset_at = at(spec.onset);
        in.reported_at = spec.reported.empty() ? in.onset_at + std::chrono::hours{1} : at(spec.reported);
        in.region = parse_region_spec(spec.region, "--region", RegionExtras::side_only);
        in.severity = spec.severity;
        in.frequency = spec.frequency;
        in.still_present = spec.still_present;
        if (!spec.resolved.empty())
            in.resolved_at = at(spec.resolved);
        for (auto [s, v] : spec.symptoms)
            in.symptoms[s] = v;
        in.kind = spec.kind;
        return add_report(clinic(), in);
    }

    // The flags of one rule (all rules when empty) at clinic time `as_of`.
    std::vector<Flag> flags(const std::string& rule, const std::string& as_of)
    {
        FlagQuery q;
        q.as_of = at(as_of);
        auto all = compute_flags(clinic(), q);
        // One client's flags (the guard at session entry, the client's
        // page) read that client's history alone, and only the sessions
        // the look-back can reach: they must be the whole clinic's (which
        // leaves an archived client out).
        if (find_client(clinic(), client)->archived_at)
            return filtered(all, rule);
        FlagQuery one = q;
        one.client_id = client;
        std::vector<Flag> theirs;
        std::copy_if(all.begin(), all.end(), std::back_inserter(theirs),
                     [&](const Flag& f) { return f.client_id == client; });
        CHECK(facts(compute_flags(clinic(), one)) == facts(theirs));
        return filtered(all, rule);
    }

    std::int64_t therapist = 0;
    std::int64_t client = 0;

private:
    static std::vector<Flag> filtered(std::vector<Flag> all, const std::string& rule)
    {
        if (rule.empty())
            return all;
        std::erase_if(all, [&](const Flag& f) { return f.rule != rule; });
        return all;
    }

    using FlagFacts = std::tuple<std::string, Level, std::string, std::string,
                                 std::vector<std::int64_t>, bool>;
    static std::vector<FlagFacts> facts(const std::vector<Flag>& flags)
    {
        std::vector<FlagFacts> out;
        for (const Flag& f : flags)
            out.emplace_back(f.rule, f.level, f.evidence_key, f.evidence, f.session_ids,
                             f.review.has_value());
        return out;
    }
};

} // namespace massagelog::testing
