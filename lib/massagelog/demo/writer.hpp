#pragma once
// What the demo generator draws from (a seeded random source, names,
// techniques, regions) and the writer that puts its rows in the database
// through the record writers.

#include "massagelog/core/catalog.hpp"
#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"
#include "massagelog/demo/counts.hpp"
#include "massagelog/records/followups.hpp"
#include "massagelog/records/people.hpp"
#include "massagelog/records/reactions.hpp"
#include "massagelog/records/session_inserts.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/row_insert.hpp"

#include <date/tz.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace massagelog::demo {

// splitmix64: small, fast, and the same sequence on every platform (the
// standard distributions are not).
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi)
    {
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
    template <class T, std::size_t N> const T& pick(const std::array<T, N>& items)
    {
        return items[static_cast<std::size_t>(between(0, N - 1))];
    }

private:
    std::uint64_t m_state;
};

// First and last names, drawn apart: k_names[i].first with k_names[j].last.
struct NamePair {
    const char* first;
    const char* last;
};
inline constexpr std::array<NamePair, 40> k_names{{
    {"Ana", "Souza"}, {"Bruno", "Keller"}, {"Chloé", "Martin"}, {"Daniel", "Okafor"},
    {"Emma", "Lindqvist"}, {"Farid", "Haddad"}, {"Grace", "Liu"}, {"Hiroshi", "Tanaka"},
    {"Isabel", "Ferreira"}, {"Jonas", "Weber"}, {"Kofi", "Mensah"}, {"Lena", "Novak"},
    {"María", "Núñez"}, {"Noah", "Williams"}, {"Olga", "Ivanova"}, {"Pedro", "Alves"},
    {"Quinn", "Murphy"}, {"Rosa", "García"}, {"Samir", "Khan"}, {"Tomás", "Silva"},
    {"Ursula", "Schmidt"}, {"Viktor", "Petrov"}, {"Wen", "Zhang"}, {"Ximena", "Ramírez"},
    {"Yusuf", "Demir"}, {"Zoë", "Müller"}, {"Amara", "Nwosu"}, {"Björn", "Larsen"},
    {"Carmen", "López"}, {"Dmitri", "Sokolov"}, {"Elif", "Yılmaz"}, {"Fatima", "Hassan"},
    {"Gustav", "Berg"}, {"Hana", "Sato"}, {"Ibrahim", "Rahman"}, {"Jana", "Dvořák"},
    {"Kenji", "Ito"}, {"Leila", "Karimi"}, {"Mateo", "Rossi"}, {"Nadia", "O'Brien"},
}};

// Technique name, weight, pressure range.
struct TechniqueMix {
    const char* name;
    int weight;
    int min_pressure, max_pressure;
};
inline constexpr std::array<TechniqueMix, 14> k_mix{{
    {"swedish", 30, 1, 3}, {"deep-tissue", 20, 3, 5}, {"trigger-point", 6, 3, 5},
    {"myofascial", 6, 2, 4}, {"neuromuscular", 5, 3, 5}, {"sports", 8, 3, 5},
    {"reciprocal-inhibition", 2, 2, 3}, {"hot-stone", 6, 1, 3}, {"lymphatic-drainage", 3, 1, 1},
    {"prenatal", 4, 1, 2}, {"shiatsu", 3, 2, 4}, {"thai", 3, 2, 4},
    {"reflexology", 3, 1, 3}, {"other", 1, 1, 3},
}};

// Regions a session typically works, weighted toward backs, necks and legs.
inline constexpr std::array<const char*, 20> k_common_regions{
    "neck",     "shoulder",  "upper-back", "lower-back", "upper-back", "lower-back", "shoulder",
    "calf",     "thigh-back", "thigh-front", "glutes",   "foot",       "hand",       "forearm",
    "upper-arm", "hip",      "head",       "face",       "calf",       "neck"};

struct RegionItem {
    std::string region;
    Side side;
    int pressure;
    bool focal;
};

inline Symptoms all_no()
{
    Symptoms s;
    s.values.fill(Tri::no);
    return s;
}

inline Symptoms with(Symptoms s, Symptom which, Tri value)
{
    s[which] = value;
    return s;
}

struct ReportItem {
    Instant onset, reported;
    std::string region;
    Side side;
    ReactionKind kind;
    int severity;
    std::optional<Frequency> frequency;
    Tri still_present;
    std::optional<Instant> resolved;
    Symptoms symptoms;
    ReportSource source;
    const char* notes;
};


// Writes the demo's rows through the record writers a new entry and an
// import use, with statements prepared once: the demo's hot loop. Every
// row is created by "demo" at the time the demo runs.
class Writer {
public:
    Writer(Clinic& clinic, DemoCounts& counts)
        : m_counts(counts), m_label(clinic.label()), m_catalog(clinic.db()),
          m_created(clinic.clock().now()), m_therapists(clinic.db()),
          m_clients(clinic.db()), m_sessions(clinic.db()), m_reports(clinic),
          m_followups(clinic.db())
    {
    }

    const Catalog& catalog() const { return m_catalog; }

    std::int64_t therapist(const std::string& name, const std::string& licence)
    {
        ++m_counts.therapists;
        return m_therapists.insert({0, name, licence, true, m_created});
    }

    std::int64_t client(const std::string& name, const std::string& phone,
                        const std::string& email, const std::string& birth_date,
                        const char* notes)
    {
        ++m_counts.clients;
        return m_clients.insert(
            {0, name, phone, email, birth_date, optional_text(notes), m_created, std::nullopt});
    }

    std::int64_t session(std::int64_t client_id, std::int64_t therapist_id, Instant start,
                         int duration_min, const std::string& technique, int pressure,
                         const std::vector<RegionItem>& regions, const char* notes = nullptr)
    {
        PendingSession row;
        row.client_id = client_id;
        row.therapist_id = therapist_id;
        row.technique_id = m_catalog.technique(technique, "demo technique").id;
        row.started_at = to_utc_text(start);
        row.created_by = "demo";
        row.created_at = to_utc_text(m_created);
        row.duration_min = duration_min;
        row.pressure = pressure;
        row.notes = optional_text(notes);
        for (const RegionItem& r : regions)
            row.regions.push_back(
                {m_catalog.region(r.region, "demo region").id, to_string(r.side), r.pressure,
                 r.focal});
        ++m_counts.sessions;
        m_counts.session_regions += static_cast<std::int64_t>(regions.size());
        return m_sessions.one(row);
    }

    // A report, checked as an import checks the history it carries over.
    std::int64_t report(std::int64_t session_id, const ReportItem& r)
    {
        ReportInput in;
        in.session_id = session_id;
        in.onset_at = r.onset;
        in.reported_at = r.reported;
        in.region.region = r.region;
        in.region.side = r.side;
        in.kind = r.kind;
        in.severity = r.severity;
        in.frequency = r.frequency;
        in.still_present = r.still_present;
        in.resolved_at = r.resolved;
        in.symptoms = r.symptoms;
        in.source = r.source;
        in.notes = optional_text(r.notes);
        m_reports.check(in, EntryKind::history, m_label);
        ++m_counts.reports;
        return m_reports.insert(in, {std::nullopt, "demo", m_created, std::nullopt, std::nullopt});
    }

    void followup(std::int64_t session_id, Instant at, FollowupOutcome outcome, const char* notes)
    {
        ++m_counts.followups;
        m_followups.insert({0, session_id, at, "demo", outcome, optional_text(notes)});
    }

private:
    static std::optional<std::string> optional_text(const char* text)
    {
        return text ? std::optional<std::string>(text) : std::nullopt;
    }

    DemoCounts& m_counts;
    FieldLabel m_label;
    Catalog m_catalog;
    Instant m_created;
    TableInsert<Therapist> m_therapists;
    TableInsert<Client> m_clients;
    SessionInserts m_sessions;
    ReportWriter m_reports;
    TableInsert<Followup> m_followups;
};

} // namespace massagelog::demo
