#include "massagelog/demo/demo.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/core/error.hpp"
#include "massagelog/core/values.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

namespace massagelog {

namespace {

using namespace std::chrono;

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

constexpr std::array<const char*, 40> k_first_names{
    "Ana",    "Bruno",  "Chloé",  "Daniel", "Emma",    "Farid",  "Grace",   "Hiroshi",
    "Isabel", "Jonas",  "Kofi",   "Lena",   "María",   "Noah",   "Olga",    "Pedro",
    "Quinn",  "Rosa",   "Samir",  "Tomás",  "Ursula",  "Viktor", "Wen",     "Ximena",
    "Yusuf",  "Zoë",    "Amara",  "Björn",  "Carmen",  "Dmitri", "Elif",    "Fatima",
    "Gustav", "Hana",   "Ibrahim", "Jana",  "Kenji",   "Leila",  "Mateo",   "Nadia"};
constexpr std::array<const char*, 40> k_last_names{
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
constexpr std::array<TechniqueMix, 14> k_mix{{{"swedish", 30, 1, 3},
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
constexpr std::array<const char*, 20> k_common_regions{
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

SymptomSet all_no()
{
    SymptomSet s;
    s.values.fill(Tri::no);
    return s;
}

SymptomSet with(SymptomSet s, Symptom which, Tri value)
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

// Clinic-local wall time `days_ago` days before today at hh:mm.
class LocalDays {
public:
    explicit LocalDays(const ClinicClock& clock)
        : m_zone(clock.zone()), m_today(floor<date::days>(m_zone.to_local(clock.now())))
    {
    }
    Instant at(int days_ago, int hour, int minute = 0) const
    {
        auto local = m_today - date::days{days_ago} + hours{hour} + minutes{minute};
        return floor<seconds>(m_zone.to_sys(local, date::choose::earliest));
    }

private:
    const date::time_zone& m_zone;
    date::local_days m_today;
};

// Named clients whose histories each show one situation the flag rules act
// on (docs/rules.md walks through them). Returns how many clients it added.
void add_showcase(Writer& w, const LocalDays& day, Instant now,
                  const std::vector<std::int64_t>& therapists)
{
    auto t = [&](std::size_t i) { return therapists[i % therapists.size()]; };
    auto client = [&](const char* name, const char* phone, const char* email, const char* born) {
        return w.client(name, phone, email, born, nullptr);
    };
    const SymptomSet no = all_no();
    auto h = [](int n) { return hours{n}; };

    // Twitching still present 5 days after onset: watch (persistent).
    {
        auto c = client("Ana Souza", "+1 555 0101", "ana.souza@example.org", "1988-04-12");
        auto start = day.at(6, 10);
        auto s = w.session(c, t(0), start, 60, "swedish", 2, {{"calf", Side::both, 2, false}});
        w.report(s, {start + h(20), day.at(1, 17), "calf", Side::left, ReactionKind::twitch, 3,
                     Frequency::occasional, Tri::yes, std::nullopt,
                     with(no, Symptom::vision_changes, Tri::unknown), ReportSource::phone,
                     "Flickering in the left calf in the evenings."});
    }
    // Twitching still present more than two weeks after onset: refer (persistent).
    {
        auto c = client("Bruno Keller", "+1 555 0102", "bruno.keller@example.org", "1975-09-30");
        auto start = day.at(20, 14);
        auto s = w.session(c, t(1), start, 90, "deep-tissue", 4,
                           {{"thigh-back", Side::both, 4, false}, {"lower-back", Side::midline, 3, false}});
        w.report(s, {start + h(26), day.at(3, 11), "thigh-back", Side::right,
                     ReactionKind::twitch, 2, Frequency::occasional, Tri::yes, std::nullopt, no,
                     ReportSource::in_person, nullptr});
    }
    // Shoulder weakness after pressure 4 on the shoulder: refer (weakness, nerve).
    {
        auto c = client("Chloé Martin", "+33 6 55 01 03", "chloe.martin@example.org", "1991-02-17");
        auto start = day.at(4, 11);
        auto s = w.session(c, t(2), start, 60, "deep-tissue", 4,
                           {{"shoulder", Side::left, 4, false}, {"neck", Side::midline, 3, false}});
        w.report(s, {start + h(18), day.at(2, 9), "shoulder", Side::left, ReactionKind::twitch,
                     4, Frequency::frequent, Tri::yes, std::nullopt,
                     with(with(no, Symptom::weakness, Tri::yes), Symptom::pain, Tri::yes),
                     ReportSource::phone, "Hard to lift the left arm above the head."});
    }
    // Twitching that gets worse between two reports: refer (worsening).
    {
        auto c = client("Daniel Okafor", "+1 555 0104", "daniel.okafor@example.org", "1983-12-01");
        auto start = day.at(8, 16);
        auto s = w.session(c, t(3), start, 60, "sports", 3, {{"calf", Side::right, 3, false}});
        w.report(s, {start + h(22), day.at(6, 10), "calf", Side::right, ReactionKind::twitch, 3,
                     Frequency::occasional, Tri::yes, std::nullopt, no, ReportSource::phone,
                     nullptr});
        w.report(s, {start + h(22), day.at(3, 15), "calf", Side::right, ReactionKind::twitch, 6,
                     Frequency::frequent, Tri::yes, std::nullopt, no, ReportSource::phone,
                     "More often now, also at night."});
    }
    // Twitching with changes in vision: refer (accompanied).
    {
        auto c = client("Emma Lindqvist", "+46 70 555 01 05", "emma.lindqvist@example.org",
                        "1969-07-23");
        auto start = day.at(3, 9, 30);
        auto s = w.session(c, t(4), start, 60, "swedish", 2, {{"upper-back", Side::midline, 2, false}});
        w.report(s, {start + h(5), day.at(1, 12), "upper-back", Side::midline,
                     ReactionKind::twitch, 2, Frequency::occasional, Tri::no, start + h(30),
                     with(no, Symptom::vision_changes, Tri::yes), ReportSource::phone,
                     "Blurred vision the same evening."});
    }
    // A cramp that came with fatigue and resolved: watch (accompanied).
    {
        auto c = client("Farid Haddad", "+1 555 0106", "farid.haddad@example.org", "1979-03-05");
        auto start = day.at(10, 15);
        auto s = w.session(c, t(0), start, 75, "hot-stone", 2, {{"lower-back", Side::midline, 2, false}});
        w.report(s, {start + h(8), day.at(8, 10), "lower-back", Side::midline, ReactionKind::cramp,
                     3, Frequency::occasional, Tri::no, start + h(30),
                     with(no, Symptom::fatigue, Tri::yes), ReportSource::form, nullptr});
    }
    // A spasm in the abdomen: refer (trunk).
    {
        auto c = client("Grace Liu", "+1 555 0107", "grace.liu@example.org", "1995-11-11");
        auto start = day.at(2, 13);
        auto s = w.session(c, t(1), start, 60, "myofascial", 3, {{"abdomen", Side::midline, 2, false}});
        w.report(s, {start + h(6), day.at(1, 10), "abdomen", Side::midline, ReactionKind::spasm,
                     4, Frequency::occasional, Tri::no, start + h(9), no, ReportSource::phone,
                     nullptr});
    }
    // Twitching in two places at once: watch (spread).
    {
        auto c = client("Hiroshi Tanaka", "+81 90 5555 0108", "hiroshi.tanaka@example.org",
                        "1986-06-08");
        auto start = day.at(3, 17);
        auto s = w.session(c, t(2), start, 90, "deep-tissue", 4,
                           {{"calf", Side::left, 4, false}, {"forearm", Side::right, 4, false}});
        w.report(s, {start + h(15), day.at(1, 11), "calf", Side::left, ReactionKind::twitch, 2,
                     Frequency::occasional, Tri::yes, std::nullopt, no, ReportSource::phone, nullptr});
        w.report(s, {start + h(16), day.at(1, 11), "forearm", Side::right, ReactionKind::twitch,
                     2, Frequency::occasional, Tri::yes, std::nullopt, no, ReportSource::phone,
                     nullptr});
    }
    // Cramps after three sessions within 90 days: refer (recurrent).
    {
        auto c = client("Isabel Ferreira", "+351 91 555 0109", "isabel.ferreira@example.org",
                        "1972-01-19");
        int n = 0;
        for (int ago : {60, 35, 12}) {
            auto start = day.at(ago, 10);
            auto s = w.session(c, t(3 + static_cast<std::size_t>(n++)), start, 60,
                               "neuromuscular", 3, {{"thigh-front", Side::both, 3, false}});
            w.report(s, {start + h(7), start + h(30), "thigh-front", Side::both,
                         ReactionKind::cramp, 5, Frequency::occasional, Tri::no, start + h(9), no,
                         ReportSource::phone, nullptr});
        }
    }
    // Neck pain after focal pressure on the neck: refer (nerve).
    {
        auto c = client("Jonas Weber", "+49 151 5550110", "jonas.weber@example.org", "1990-05-27");
        auto start = day.at(2, 10);
        auto s = w.session(c, t(4), start, 45, "trigger-point", 3,
                           {{"neck", Side::midline, 3, true}, {"upper-back", Side::midline, 3, false}});
        w.report(s, {start + h(4), day.at(1, 9), "neck", Side::midline, ReactionKind::twitch, 3,
                     Frequency::frequent, Tri::yes, std::nullopt, with(no, Symptom::pain, Tri::yes),
                     ReportSource::phone, "Sharp pain on turning the head."});
    }
    // Calf pain after pressure 5 on the calf: watch (accompanied), not nerve.
    {
        auto c = client("Kofi Mensah", "+233 20 555 0111", "kofi.mensah@example.org", "1984-08-14");
        auto start = day.at(5, 12);
        auto s = w.session(c, t(0), start, 60, "deep-tissue", 5, {{"calf", Side::both, 5, false}});
        w.report(s, {start + h(10), day.at(3, 12), "calf", Side::both, ReactionKind::cramp, 4,
                     Frequency::occasional, Tri::no, start + h(20), with(no, Symptom::pain, Tri::yes),
                     ReportSource::in_person, nullptr});
    }
    // A session entered by mistake and voided: its report never fires.
    {
        auto c = client("Lena Novak", "+420 601 555 112", "lena.novak@example.org", "1998-10-03");
        auto start = day.at(6, 15);
        auto s = w.session(c, t(1), start, 60, "sports", 4, {{"shoulder", Side::right, 4, false}},
                           "Entered for the wrong client.");
        w.report(s, {start + h(12), day.at(5, 10), "shoulder", Side::right, ReactionKind::spasm,
                     5, Frequency::frequent, Tri::yes, std::nullopt,
                     with(no, Symptom::weakness, Tri::yes), ReportSource::phone, nullptr});
    }
    // Symptoms nobody asked about: "not recorded" never fires a rule.
    {
        auto c = client("María José Núñez", "+34 612 555 113", "mj.nunez@example.org", "1966-04-29");
        auto start = day.at(9, 11);
        auto s = w.session(c, t(2), start, 60, "shiatsu", 3, {{"upper-back", Side::midline, 3, false}});
        w.report(s, {start + h(12), start + h(40), "upper-back", Side::midline,
                     ReactionKind::twitch, 2, std::nullopt, Tri::no, start + h(20), SymptomSet{},
                     ReportSource::form, nullptr});
    }
    // Deep work yesterday and no reaction yet: a day-1 follow-up call is due.
    {
        auto c = client("Noah Williams", "+1 555 0114", "noah.williams@example.org", "2001-02-02");
        auto earlier = day.at(30, 12);
        auto s0 = w.session(c, t(3), earlier, 60, "deep-tissue", 4, {{"upper-back", Side::midline, 4, false}});
        w.followup(s0, earlier + h(24), FollowupOutcome::no_reaction, "Felt fine.");
        w.session(c, t(3), day.at(1, 18), 60, "deep-tissue", 4,
                  {{"upper-back", Side::midline, 4, false}, {"glutes", Side::both, 4, false}});
    }
    (void)now;
}

constexpr int k_showcase_clients = 14;

} // namespace

DemoCounts generate_demo(Clinic& clinic, const DemoOptions& options,
                         const std::function<void(std::int64_t, std::int64_t)>& progress)
{
    if (options.clients < 1 || options.clients > 10'000'000)
        throw InputError(fmt::format("--clients '{}' is not 1-10000000", options.clients));
    if (options.sessions < 0 || options.sessions > 100'000'000)
        throw InputError(fmt::format("--sessions '{}' is not 0-100000000", options.sessions));
    std::int64_t reports = options.reports.value_or(options.sessions * 3 / 10);
    if (reports < 0 || reports > options.sessions)
        throw InputError(fmt::format("--reports '{}' is not 0-{} (one per session at most)",
                                     reports, options.sessions));

    // A large page cache keeps one big transaction from spilling to the WAL
    // page by page; it lasts for this connection only.
    clinic.db().exec("PRAGMA cache_size = -262144");
    return clinic.write([&] {
        std::int64_t existing =
            clinic.db().execAndGet("SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM "
                                   "therapists) + (SELECT count(*) FROM sessions)")
                .getInt64();
        if (existing > 0)
            throw InputError(fmt::format("database {} already holds records", clinic.path()),
                             "the demo fills an empty database; pass --db NEW_FILE");

        DemoCounts counts;
        Writer w(clinic, counts);
        Random rng(options.seed);
        const LocalDays day(clinic.clock());
        const Instant now = clinic.clock().now();

        std::int64_t therapist_count = std::clamp<std::int64_t>(options.clients / 250, 5, 200);
        std::vector<std::int64_t> therapists;
        for (std::int64_t i = 0; i < therapist_count; ++i) {
            std::string name = fmt::format("{} {}", k_first_names[static_cast<std::size_t>((i * 7 + 3) % 40)],
                                           k_last_names[static_cast<std::size_t>((i * 11 + 5) % 40)]);
            if (i >= 40)
                name += fmt::format(" {}", i / 40 + 1);
            therapists.push_back(w.therapist(name, fmt::format("LMT-{:05}", 10000 + i * 37)));
        }

        add_showcase(w, day, now, therapists);
        std::int64_t random_clients = std::max<std::int64_t>(0, options.clients - k_showcase_clients);
        std::vector<std::int64_t> clients;
        clients.reserve(static_cast<std::size_t>(random_clients));
        for (std::int64_t i = 0; i < random_clients; ++i) {
            const char* first = rng.pick(k_first_names);
            const char* last = rng.pick(k_last_names);
            std::string name = fmt::format("{} {}", first, last);
            std::string email = fmt::format("client{}@example.org", i + 1);
            std::string phone = fmt::format("+1 555 {:04}", rng.between(0, 9999));
            std::string born = fmt::format("{}-{:02}-{:02}", rng.between(1940, 2006),
                                           rng.between(1, 12), rng.between(1, 28));
            clients.push_back(w.client(name, phone, email, born,
                                       rng.chance(0.1) ? "Prefers light pressure on the neck." : nullptr));
        }

        int total_weight = 0;
        for (const auto& m : k_mix)
            total_weight += m.weight;
        std::int64_t showcase_sessions = counts.sessions;
        std::int64_t to_generate = clients.empty() ? 0 : std::max<std::int64_t>(0, options.sessions - showcase_sessions);
        double report_chance = to_generate == 0 ? 0.0
                                                : static_cast<double>(reports - counts.reports) /
                                                      static_cast<double>(to_generate);
        std::vector<RegionItem> regions;
        for (std::int64_t i = 0; i < to_generate; ++i) {
            if (progress && i % 50'000 == 0)
                progress(i, to_generate);
            std::int64_t client = clients[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(clients.size()) - 1))];
            std::int64_t therapist = therapists[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(therapists.size()) - 1))];
            int pick = static_cast<int>(rng.between(1, total_weight));
            const TechniqueMix* mix = &k_mix[0];
            for (const auto& m : k_mix) {
                mix = &m;
                if ((pick -= m.weight) <= 0)
                    break;
            }
            int pressure = static_cast<int>(rng.between(mix->min_pressure, mix->max_pressure));
            // Sessions from a year ago up to four days ago, in opening hours.
            Instant start = day.at(static_cast<int>(rng.between(4, 365)),
                                   static_cast<int>(rng.between(9, 18)),
                                   static_cast<int>(rng.between(0, 3)) * 15);
            int duration = std::array{30, 45, 60, 60, 60, 75, 90, 120}[static_cast<std::size_t>(rng.between(0, 7))];

            regions.clear();
            int region_count = static_cast<int>(rng.between(1, 3));
            for (int k = 0; k < region_count; ++k) {
                const Region& region = w.catalog().region(rng.pick(k_common_regions), "demo region");
                Side side = region.paired ? std::array{Side::both, Side::both, Side::left, Side::right}[static_cast<std::size_t>(rng.between(0, 3))]
                                          : Side::midline;
                bool duplicate = false;
                for (const auto& r : regions)
                    duplicate = duplicate || (r.region == region.name && r.side == side);
                if (duplicate)
                    continue;
                int rp = std::clamp(pressure + static_cast<int>(rng.between(-1, 0)), 1, 5);
                regions.push_back({region.name, side, rp, pressure >= 3 && rng.chance(0.08)});
            }
            std::int64_t session = w.session(client, therapist, start, duration, mix->name, pressure, regions);

            if (rng.chance(report_chance)) {
                const RegionItem& where = regions[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(regions.size()) - 1))];
                Instant onset = start + minutes{rng.between(60, 36 * 60)};
                Instant resolved = onset + minutes{rng.between(30, 60 * 60)};
                Instant reported = resolved + minutes{rng.between(0, 24 * 60)};
                SymptomSet s = all_no();
                for (auto& v : s.values)
                    if (rng.chance(0.15))
                        v = Tri::unknown;
                if (rng.chance(0.06))
                    s = with(s, Symptom::pain, Tri::yes);
                if (rng.chance(0.03))
                    s = with(s, Symptom::fatigue, Tri::yes);
                if (rng.chance(0.004))
                    s = with(s, Symptom::weakness, Tri::yes);
                ReactionKind kind = std::array{ReactionKind::twitch, ReactionKind::twitch, ReactionKind::spasm, ReactionKind::cramp}[static_cast<std::size_t>(rng.between(0, 3))];
                w.report(session, {onset, reported, where.region, where.side, kind,
                                   static_cast<int>(rng.between(1, 5)),
                                   std::array{Frequency::occasional, Frequency::occasional, Frequency::frequent}[static_cast<std::size_t>(rng.between(0, 2))],
                                   Tri::no, resolved, s,
                                   std::array{ReportSource::phone, ReportSource::phone, ReportSource::in_person, ReportSource::form}[static_cast<std::size_t>(rng.between(0, 3))],
                                   nullptr});
            }
            if ((pressure >= 4) && rng.chance(0.5))
                w.followup(session, start + hours{24 + rng.between(0, 6)},
                           rng.chance(0.8) ? FollowupOutcome::no_reaction : FollowupOutcome::no_answer,
                           nullptr);
        }
        if (progress)
            progress(to_generate, to_generate);

        // The session entered for the wrong client is voided, as staff would.
        SQLite::Statement voided(clinic.db(),
                                 "UPDATE sessions SET voided_at = :at, void_reason = :reason WHERE "
                                 "notes = 'Entered for the wrong client.' AND voided_at IS NULL");
        voided.bind(":at", to_utc_text(now));
        voided.bind(":reason", "Entered for the wrong client.");
        voided.exec();

        clinic.audit({"import", "demo", std::nullopt, std::nullopt,
                      {{"seed", options.seed},
                       {"therapists", counts.therapists},
                       {"clients", counts.clients},
                       {"sessions", counts.sessions},
                       {"session_regions", counts.session_regions},
                       {"reports", counts.reports},
                       {"followups", counts.followups},
                       {"digests", all_rows_digests(clinic.db())}}});
        return counts;
    });
}

} // namespace massagelog
