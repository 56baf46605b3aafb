#pragma once
// What the demo generator draws from (a seeded random source, names,
// techniques, regions) and the writer that puts its rows in the database
// with statements prepared once: the demo's hot loop.

#include "massagelog/core/catalog.hpp"
#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"
#include "massagelog/demo/counts.hpp"
#include "massagelog/store/clinic.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
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

inline constexpr std::array<const char*, 40> k_first_names{
    "Ana",    "Bruno",  "Chloé",  "Daniel", "Emma",    "Farid",  "Grace",   "Hiroshi",
    "Isabel", "Jonas",  "Kofi",   "Lena",   "María",   "Noah",   "Olga",    "Pedro",
    "Quinn",  "Rosa",   "Samir",  "Tomás",  "Ursula",  "Viktor", "Wen",     "Ximena",
    "Yusuf",  "Zoë",    "Amara",  "Björn",  "Carmen",  "Dmitri", "Elif",    "Fatima",
    "Gustav", "Hana",   "Ibrahim", "Jana",  "Kenji",   "Leila",  "Mateo",   "Nadia"};
inline constexpr std::array<const char*, 40> k_last_names{
    "Souza",   "Keller",  "Martin",   "Okafor",  "Lindqvist", "Haddad",  "Liu",     "Tanaka",
    "Ferreira", "Weber",  "Mensah",   "Novak",   "Núñez",     "Williams", "Ivanova", "Alves",
    "Murphy",  "García",  "Khan",     "Silva",   "Schmidt",   "Petrov",  "Zhang",   "Ramírez",
    "Demir",   "Müller",  "Nwosu",    "Larsen",  "López",     "Sokolov", "Yılmaz",  "Hassan",
    "Berg",    "Sato",    "Rahman",   "Dvořák",  "Ito",       "Karimi",  "Rossi",   "O'Brien"};

// Technique name, weight, pressure range.
struct TechniqueMix {
    const char* name;
    int weight;
    int min_pressure, max_pressure;
};
inline constexpr std::array<TechniqueMix, 14> k_mix{{{"swedish", 30, 1, 3},
                                              {"deep-tissue", 20, 3, 5},
                                              {"trigger-point", 6, 3, 5},
                                              {"myofascial", 6, 2, 4},
                                              {"neuromuscular", 5, 3, 5},
                                              {"sports", 8, 3, 5},
                                              {"reciprocal-inhibition", 2, 2, 3},
                                              {"hot-stone", 6, 1, 3},
                                              {"lymphatic-drainage", 3, 1, 1},
                                              {"prenatal", 4, 1, 2},
                                              {"shiatsu", 3, 2, 4},
                                              {"thai", 3, 2, 4},
                                              {"reflexology", 3, 1, 3},
                                              {"other", 1, 1, 3}}};

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

struct SymptomSet {
    std::array<Tri, 7> values{};
};

inline SymptomSet all_no()
{
    SymptomSet s;
    s.values.fill(Tri::no);
    return s;
}

inline SymptomSet with(SymptomSet s, Symptom which, Tri value)
{
    s.values[static_cast<std::size_t>(which)] = value;
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
    SymptomSet symptoms;
    ReportSource source;
    const char* notes;
};


// Writes rows with statements prepared once: the demo's hot loop.
class Writer {
public:
    Writer(Clinic& clinic, DemoCounts& counts)
        : m_clinic(clinic), m_counts(counts), m_catalog(clinic.db()),
          m_created(to_utc_text(clinic.clock().now())),
          m_therapist(clinic.db(), "INSERT INTO therapists (name, licence, active, created_at) "
                                   "VALUES (?, ?, 1, ?)"),
          m_client(clinic.db(), "INSERT INTO clients (name, phone, email, birth_date, notes, "
                                "created_at) VALUES (?, ?, ?, ?, ?, ?)"),
          m_session(clinic.db(), "INSERT INTO sessions (client_id, therapist_id, started_at, "
                                 "duration_min, technique_id, pressure, notes, created_by, "
                                 "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'demo', ?)"),
          m_region(clinic.db(), "INSERT INTO session_regions (session_id, region_id, side, "
                                "pressure, focal) VALUES (?, ?, ?, ?, ?)"),
          m_report(clinic.db(),
                   "INSERT INTO reports (session_id, reported_at, onset_at, region_id, side, "
                   "kind, severity, frequency, still_present, resolved_at, weakness, "
                   "loss_of_control, pain, fatigue, vision_changes, numbness, stiffness, "
                   "source, notes, created_by, created_at, client_id) VALUES (?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo', ?, ?)"),
          m_followup(clinic.db(), "INSERT INTO followups (session_id, contacted_at, "
                                  "contacted_by, outcome, notes) VALUES (?, ?, 'demo', ?, ?)")
    {
    }

    const Catalog& catalog() const { return m_catalog; }

    std::int64_t therapist(const std::string& name, const std::string& licence)
    {
        m_therapist.bind(1, name);
        m_therapist.bind(2, licence);
        m_therapist.bind(3, m_created);
        return run(m_therapist, m_counts.therapists);
    }

    std::int64_t client(const std::string& name, const std::string& phone,
                        const std::string& email, const std::string& birth_date,
                        const char* notes)
    {
        m_client.bind(1, name);
        m_client.bind(2, phone);
        m_client.bind(3, email);
        m_client.bind(4, birth_date);
        if (notes)
            m_client.bind(5, notes);
        else
            m_client.bind(5);
        m_client.bind(6, m_created);
        return run(m_client, m_counts.clients);
    }

    std::int64_t session(std::int64_t client_id, std::int64_t therapist_id, Instant start,
                         int duration, const std::string& technique, int pressure,
                         const std::vector<RegionItem>& regions, const char* notes = nullptr)
    {
        m_session.bind(1, client_id);
        m_session.bind(2, therapist_id);
        m_session.bind(3, to_utc_text(start));
        m_session.bind(4, duration);
        m_session.bind(5, m_catalog.technique(technique, "demo technique").id);
        m_session.bind(6, pressure);
        if (notes)
            m_session.bind(7, notes);
        else
            m_session.bind(7);
        m_session.bind(8, m_created);
        std::int64_t id = run(m_session, m_counts.sessions);
        m_last_session = id;
        m_client_of_last_session = client_id;
        for (const RegionItem& r : regions) {
            m_region.bind(1, id);
            m_region.bind(2, m_catalog.region(r.region, "demo region").id);
            m_region.bind(3, std::string(to_string(r.side)));
            m_region.bind(4, r.pressure);
            m_region.bind(5, r.focal ? 1 : 0);
            run(m_region, m_counts.session_regions);
        }
        return id;
    }

    // Reports are written right after the session they belong to.
    std::int64_t report(std::int64_t session_id, const ReportItem& r)
    {
        if (session_id != m_last_session)
            throw std::logic_error("demo: a report must follow its session");
        m_report.bind(1, session_id);
        m_report.bind(2, to_utc_text(r.reported));
        m_report.bind(3, to_utc_text(r.onset));
        m_report.bind(4, m_catalog.region(r.region, "demo region").id);
        m_report.bind(5, std::string(to_string(r.side)));
        m_report.bind(6, std::string(to_string(r.kind)));
        m_report.bind(7, r.severity);
        if (r.frequency)
            m_report.bind(8, std::string(to_string(*r.frequency)));
        else
            m_report.bind(8);
        bind_tri(9, r.still_present);
        if (r.resolved)
            m_report.bind(10, to_utc_text(*r.resolved));
        else
            m_report.bind(10);
        for (int i = 0; i < 7; ++i)
            bind_tri(11 + i, r.symptoms.values[static_cast<std::size_t>(i)]);
        m_report.bind(18, std::string(to_string(r.source)));
        if (r.notes)
            m_report.bind(19, r.notes);
        else
            m_report.bind(19);
        m_report.bind(20, m_created);
        m_report.bind(21, m_client_of_last_session);
        return run(m_report, m_counts.reports);
    }

    void followup(std::int64_t session_id, Instant at, FollowupOutcome outcome, const char* notes)
    {
        m_followup.bind(1, session_id);
        m_followup.bind(2, to_utc_text(at));
        m_followup.bind(3, std::string(to_string(outcome)));
        if (notes)
            m_followup.bind(4, notes);
        else
            m_followup.bind(4);
        run(m_followup, m_counts.followups);
    }

private:
    void bind_tri(int index, Tri t)
    {
        if (auto v = tri_to_db(t))
            m_report.bind(index, *v);
        else
            m_report.bind(index);
    }

    std::int64_t run(SQLite::Statement& s, std::int64_t& counter)
    {
        s.exec();
        s.reset();
        s.clearBindings();
        ++counter;
        return m_clinic.db().getLastInsertRowid();
    }

    Clinic& m_clinic;
    DemoCounts& m_counts;
    Catalog m_catalog;
    std::string m_created;
    std::int64_t m_last_session = 0;
    std::int64_t m_client_of_last_session = 0;
    SQLite::Statement m_therapist, m_client, m_session, m_region, m_report, m_followup;
};


} // namespace massagelog::demo
