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

#include "massagelog/demo/showcase.hpp"
#include "massagelog/demo/writer.hpp"
#include "massagelog/store/row_digests.hpp"

namespace massagelog {

using namespace std::chrono;
using namespace demo;

DemoCounts generate_demo(Clinic& clinic, const DemoOptions& options,
                         const std::function<void(std::int64_t, std::int64_t)>& progress)
{
    if (options.clients < 1 || options.clients > 10'000'000)
        throw InputError(fmt::format("{} '{}' is not 1-10000000", clinic.label("clients"),
                                     options.clients)).about(clinic.label("clients"));
    if (options.sessions < 0 || options.sessions > 100'000'000)
        throw InputError(fmt::format("{} '{}' is not 0-100000000", clinic.label("sessions"),
                                     options.sessions)).about(clinic.label("sessions"));
    std::int64_t reports = options.reports.value_or(options.sessions * 3 / 10);
    if (reports < 0 || reports > options.sessions)
        throw InputError(fmt::format("{} '{}' is not 0-{} (one per session at most)",
                                     clinic.label("reports"), reports, options.sessions)).about(clinic.label("reports"));

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
                             fmt::format("the demo fills an empty database; pass {} NEW_FILE",
                                         clinic.label("db")));

        DemoCounts counts;
        Writer w(clinic, counts);
        Random rng(options.seed);
        const LocalDays day(clinic.clock());
        const Instant now = clinic.clock().now();

        std::int64_t therapist_count = std::clamp<std::int64_t>(options.clients / 250, 5, 200);
        std::vector<std::int64_t> therapists;
        for (std::int64_t i = 0; i < therapist_count; ++i) {
            std::string name = fmt::format("{} {}", k_names[static_cast<std::size_t>((i * 7 + 3) % 40)].first,
                                           k_names[static_cast<std::size_t>((i * 11 + 5) % 40)].last);
            if (i >= 40)
                name += fmt::format(" {}", i / 40 + 1);
            therapists.push_back(w.therapist(name, fmt::format("LMT-{:05}", 10000 + i * 37)));
        }

        add_showcase(w, day, now, therapists);
        std::int64_t random_clients = std::max<std::int64_t>(0, options.clients - k_showcase_clients);
        std::vector<std::int64_t> clients;
        clients.reserve(static_cast<std::size_t>(random_clients));
        for (std::int64_t i = 0; i < random_clients; ++i) {
            const char* first = rng.pick(k_names).first;
            const char* last = rng.pick(k_names).last;
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
            int duration_min = std::array{30, 45, 60, 60, 60, 75, 90, 120}[static_cast<std::size_t>(rng.between(0, 7))];

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
            std::int64_t session = w.session(client, therapist, start, duration_min, mix->name, pressure, regions);

            if (rng.chance(report_chance)) {
                const RegionItem& where = regions[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(regions.size()) - 1))];
                Instant onset = start + minutes{rng.between(60, 36 * 60)};
                Instant resolved = onset + minutes{rng.between(30, 60 * 60)};
                // A session four days ago can draw a report after now: it is
                // reported now instead, and resolved by then at the latest.
                Instant reported = std::min(resolved + minutes{rng.between(0, 24 * 60)}, now);
                resolved = std::min(resolved, reported);
                Symptoms s = all_no();
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
