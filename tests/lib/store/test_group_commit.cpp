// Writes of several threads committed as one group: each in its own
// savepoint, so a refused one keeps nothing and harms none of the others,
// each audited as its own actor; a commit that fails keeps nothing of the
// group and fails every write in it.

#include "fixture.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/store/digest_check.hpp>
#include <massagelog/store/group_commit.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

ClientInput named(const std::string& name)
{
    ClientInput in;
    in.name = name;
    return in;
}

std::int64_t count(SQLite::Database& db, const std::string& sql)
{
    return db.execAndGet(sql).getInt64();
}

// What one thread's run() ended with.
struct Outcome {
    std::thread::id ran_on;
    const Clinic* ran_with = nullptr; // the connection the job was given
    std::string error; // empty when it was written
};

// Runs `jobs` from threads of their own, each on its own connection acting
// as "t0", "t1", ...: the first job holds its group open until all the
// others are queued, so they make up one group of their own.
std::vector<Outcome> run_together(const std::string& path,
                                  const std::vector<std::function<void(Clinic&)>>& jobs,
                                  Clinic* writer = nullptr)
{
    GroupCommit commits(64, writer);
    std::vector<Outcome> out(jobs.size());
    std::vector<std::unique_ptr<Clinic>> clinics;
    for (std::size_t i = 0; i < jobs.size(); ++i)
        clinics.push_back(std::make_unique<Clinic>(ClinicOptions{
            path, "", "t" + std::to_string(i), OpenMode::read_write, fixed_now()}));
    auto run = [&](std::size_t i, const std::function<void(Clinic&)>& job) {
        try {
            commits.run(*clinics[i], [&](Clinic& c) {
                out[i].ran_on = std::this_thread::get_id();
                out[i].ran_with = &c;
                job(c);
            });
        } catch (const std::exception& e) {
            out[i].error = e.what();
        }
    };
    std::atomic<bool> holding = false;
    std::vector<std::thread> threads;
    threads.emplace_back(run, 0, [&](Clinic& c) {
        jobs[0](c);
        holding = true;
        // Bounded, so a broken queue fails the test rather than hanging it.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (commits.queued() < jobs.size() - 1 && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
    while (!holding)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    for (std::size_t i = 1; i < jobs.size(); ++i)
        threads.emplace_back(run, i, jobs[i]);
    for (auto& t : threads)
        t.join();
    return out;
}

} // namespace

TEST_CASE("clinic::write_within_write", "[group_commit]")
{
    ClinicFixture f;
    Clinic& clinic = f.clinic();
    clinic.write([&] {
        add_client(clinic, named("Ada Kept"));
        CHECK_THROWS_AS(clinic.write([&] {
                            add_client(clinic, named("Bea Undone"));
                            throw InputError("refused after writing");
                        }),
                        InputError);
        add_client(clinic, named("Cem Kept"));
    });
    CHECK(count(f.db(), "SELECT count(*) FROM clients WHERE name LIKE '%Kept'") == 2);
    CHECK(count(f.db(), "SELECT count(*) FROM clients WHERE name = 'Bea Undone'") == 0);
    CHECK(count(f.db(), "SELECT count(*) FROM audit_log WHERE entity = 'client'") == 2);
    CHECK(!verify_audit_chain(f.db()).first_bad_id);
    CHECK(verify_row_digests(f.db()).problems.empty());
}

TEST_CASE("group_commit::one_group", "[group_commit]")
{
    ClinicFixture f;
    std::vector<std::function<void(Clinic&)>> jobs;
    for (int i = 0; i < 6; ++i)
        jobs.push_back([i](Clinic& c) {
            add_client(c, named("Client " + std::to_string(i)));
            if (i == 3)
                throw InputError("the fourth is refused after writing");
        });
    auto out = run_together(f.path(), jobs);

    // The five queued behind the first ran on one thread: one group.
    for (std::size_t i = 2; i < out.size(); ++i)
        CHECK(out[i].ran_on == out[1].ran_on);
    CHECK(out[3].error == "the fourth is refused after writing");
    for (std::size_t i : {0u, 1u, 2u, 4u, 5u}) {
        INFO("job " << i);
        CHECK(out[i].error.empty());
        // Audited as its own caller, though another thread wrote it.
        SQLite::Statement q(f.db(), "SELECT a.actor FROM audit_log a JOIN clients c ON "
                                    "c.id = a.entity_id WHERE a.entity = 'client' AND c.name = ?");
        q.bind(1, "Client " + std::to_string(i));
        REQUIRE(q.executeStep());
        CHECK(q.getColumn(0).getString() == "t" + std::to_string(i));
    }
    CHECK(count(f.db(), "SELECT count(*) FROM clients WHERE name = 'Client 3'") == 0);
    CHECK(!verify_audit_chain(f.db()).first_bad_id);
    CHECK(verify_row_digests(f.db()).problems.empty());
}

TEST_CASE("group_commit::on_the_writer", "[group_commit]")
{
    ClinicFixture f;
    Clinic writer(ClinicOptions{f.path(), "", "server", OpenMode::read_write, fixed_now()});
    std::vector<std::function<void(Clinic&)>> jobs;
    for (int i = 0; i < 4; ++i)
        jobs.push_back([i](Clinic& c) { add_client(c, named("Client " + std::to_string(i))); });
    auto out = run_together(f.path(), jobs, &writer);

    // Every group, the first (led by job 0) and the next, on the writer;
    // each write audited as its own caller, not as the writer's.
    for (const Outcome& o : out) {
        CHECK(o.error.empty());
        CHECK(o.ran_with == &writer);
    }
    CHECK(count(f.db(), "SELECT count(*) FROM audit_log WHERE entity = 'client' AND "
                        "actor IN ('t0', 't1', 't2', 't3')") == 4);
    CHECK(writer.actor().name == "server");
    CHECK(!verify_audit_chain(f.db()).first_bad_id);
}

TEST_CASE("group_commit::rolled_back", "[group_commit]")
{
    // When the group's transaction is rolled back under it (as SQLite does
    // on a full disk), the writes after that point are not committed one by
    // one: every write of the group fails, and none is kept. (The queued
    // writes run in the order their threads reached the queue.)
    ClinicFixture f;
    std::vector<std::function<void(Clinic&)>> jobs{
        [](Clinic& c) { add_client(c, named("Before The Group")); },
        [](Clinic& c) { add_client(c, named("Earlier In The Group")); },
        [](Clinic& c) { c.db().exec("ROLLBACK"); },
        [](Clinic& c) { add_client(c, named("Later In The Group")); }};
    auto out = run_together(f.path(), jobs);
    CHECK(out[0].error.empty());
    for (std::size_t i = 1; i < out.size(); ++i) {
        INFO("job " << i);
        CHECK_FALSE(out[i].error.empty());
    }
    CHECK_THAT(out[3].error,
               Catch::Contains("rolled back") || Catch::Contains("could not be undone"));
    CHECK(count(f.db(), "SELECT count(*) FROM clients WHERE name LIKE '%In The Group'") == 0);
    CHECK(count(f.db(), "SELECT count(*) FROM clients WHERE name = 'Before The Group'") == 1);
    CHECK(!verify_audit_chain(f.db()).first_bad_id);
    CHECK(verify_row_digests(f.db()).problems.empty());
}

TEST_CASE("group_commit::failed_commit", "[group_commit]")
{
    // A foreign key checked only at COMMIT fails the group's commit: none of
    // its writes is kept and each of them is told.
    ClinicFixture f;
    std::vector<std::function<void(Clinic&)>> jobs{
        [](Clinic& c) { add_client(c, named("Before The Group")); },
        [](Clinic& c) { add_client(c, named("In The Group")); },
        [](Clinic& c) {
            c.db().exec("PRAGMA defer_foreign_keys = ON");
            SQLite::Statement bad(c.db(), "INSERT INTO session_regions (session_id, region_id, "
                                          "side, pressure) VALUES (?, 1, 'left', 2)");
            bad.bind(1, 424242);
            bad.exec();
        }};
    auto out = run_together(f.path(), jobs);
    CHECK(out[0].error.empty());
    CHECK_THAT(out[1].error, Catch::Contains("FOREIGN KEY"));
    CHECK(out[2].error == out[1].error);
    CHECK(count(f.db(), "SELECT count(*) FROM clients WHERE name = 'Before The Group'") == 1);
    CHECK(count(f.db(), "SELECT count(*) FROM clients WHERE name = 'In The Group'") == 0);
    CHECK(count(f.db(), "SELECT count(*) FROM session_regions") == 0);
    CHECK(!verify_audit_chain(f.db()).first_bad_id);
}
