#pragma once
// A clinic in a fresh temporary database file, with a fixed "now" and zone.

#include <massagelog/store/clinic.hpp>
#include "../../app/command.hpp"
#include <massagelog/core/error.hpp>
#include <massagelog/records/sessions.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace massagelog::testing {

// 2026-11-21 15:00 UTC, a Saturday.
inline Instant fixed_now()
{
    return from_utc_text("2026-11-21T15:00:00Z");
}

class TempDir {
public:
    TempDir()
    {
        std::string tmpl = (std::filesystem::temp_directory_path() / "massagelog-test-XXXXXX").string();
        char* made = mkdtemp(tmpl.data());
        if (!made)
            throw std::runtime_error("mkdtemp failed");
        m_path = made;
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

// A session to enter: `technique` at `pressure` from `start`, working
// `regions` as typed ("calf:left", "neck:midline:4:focal").
inline SessionInput session_input(std::int64_t client, std::int64_t therapist, Instant start,
                                  const std::vector<std::string>& regions = {},
                                  int pressure = 2, const std::string& technique = "swedish")
{
    SessionInput in;
    in.client_id = client;
    in.therapist_id = therapist;
    in.started_at = start;
    in.technique = technique;
    in.pressure = pressure;
    for (const auto& r : regions)
        in.regions.push_back(parse_region_spec(r, "--region", RegionExtras::side_pressure_focal));
    return in;
}

class ClinicFixture {
public:
    explicit ClinicFixture(const std::string& zone = "America/New_York")
        : m_path(m_dir.file("clinic.db")), m_zone(zone),
          m_clinic(std::make_unique<Clinic>(
              ClinicOptions{m_path, zone, "tester", OpenMode::create, fixed_now(),
                            app::cli_words()}))
    {
        // The messages tests look for are the command line's: "--at ...".
    }
    Clinic& clinic() { return *m_clinic; }
    SQLite::Database& db() { return m_clinic->db(); }
    // Opens the clinic again with "now" at `now`: what is entered from then
    // on is entered (and reviewed) at that instant.
    void set_now(Instant now)
    {
        m_clinic.reset();
        m_clinic = std::make_unique<Clinic>(
            ClinicOptions{m_path, m_zone, "tester", OpenMode::read_write, now, app::cli_words()});
    }
    const std::string& path() const { return m_path; }

    // Row counts of every table plus the last audit hash: equal before and
    // after a refused change proves nothing was written.
    std::map<std::string, std::string> snapshot()
    {
        std::map<std::string, std::string> out;
        for (const char* table : {"settings", "therapists", "clients", "sessions",
                                  "session_regions", "reports", "followups", "flag_reviews",
                                  "health_history", "audit_log"})
            out[table] = db().execAndGet(std::string("SELECT count(*) FROM ") + table).getString();
        out["audit_head"] =
            db().execAndGet("SELECT coalesce((SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1), '')").getString();
        return out;
    }

    // Asserts that `change` throws InputError mentioning `needle` and writes
    // nothing. A needle that starts with a flag ("--at ...") is an error about
    // that field, which the error names in field().
    void refused(const std::function<void()>& change, const std::string& needle)
    {
        auto before = snapshot();
        try {
            change();
            FAIL("no error for: " << needle);
        } catch (const InputError& e) {
            CHECK_THAT(e.what(), Catch::Contains(needle));
            if (needle.starts_with("--"))
                CHECK(e.field() == needle.substr(0, needle.find(' ')));
        }
        CHECK(snapshot() == before);
    }

private:
    TempDir m_dir;
    std::string m_path;
    std::string m_zone;
    std::unique_ptr<Clinic> m_clinic;
};

} // namespace massagelog::testing
