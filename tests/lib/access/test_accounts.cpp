#include "fixture.hpp"

#include <massagelog/access/accounts.hpp>
#include <massagelog/records/people.hpp>

#include <catch2/catch.hpp>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

const std::string k_password = "a long enough passphrase";

struct Accounts : ClinicFixture {
    Accounts() { add_user(clinic(), {"Rosa", Role::therapist, std::nullopt, k_password}); }

    // The clinic as a request at `now` sees it.
    Clinic& at(Instant now)
    {
        clinic().act_as({"web-test", "web:127.0.0.1"}, now);
        return clinic();
    }

    std::int64_t count(const std::string& sql) { return db().execAndGet(sql).getInt64(); }
};

} // namespace

TEST_CASE_METHOD(Accounts, "accounts::add_user", "[db][access]")
{
    SECTION("stored as an Argon2id hash, audited without it")
    {
        CHECK(count("SELECT count(*) FROM users WHERE password_hash LIKE '$argon2id$%'") == 1);
        CHECK(count("SELECT count(*) FROM audit_log WHERE entity = 'user' AND action = 'create' "
                    "AND detail NOT LIKE '%passphrase%' AND detail NOT LIKE '%argon%'") == 1);
    }
    SECTION("a name is taken whatever its case")
    {
        refused([&] { add_user(clinic(), {"ROSA", Role::owner, std::nullopt, k_password}); },
                "--name 'ROSA': a user of that name exists");
    }
    SECTION("a name is trimmed and in NFKC: spaces and a no-break space do not make another")
    {
        for (std::string name : {"Rosa ", " Rosa", "Rosa\u00a0", "\u00a0Rosa\u2003"})
            refused([&] { add_user(clinic(), {name, Role::owner, std::nullopt, k_password}); },
                    "--name 'Rosa': a user of that name exists");
        CHECK(user_named(clinic(), " rosa\u00a0"));
        CHECK(user_name_key("\uff32osa") == "Rosa"); // fullwidth R
    }
    SECTION("a name that looks like an existing one is refused, naming it")
    {
        // Cyrillic "о" and "а" for the Latin letters.
        refused([&] { add_user(clinic(), {"R\u043es\u0430", Role::owner, std::nullopt, k_password}); },
                "looks like the existing user 'Rosa'");
        add_user(clinic(), {"owner1", Role::owner, std::nullopt, k_password});
        refused([&] { add_user(clinic(), {"\u043ewner1", Role::owner, std::nullopt, k_password}); },
                "looks like the existing user 'owner1'");
        refused([&] { add_user(clinic(), {"ownerl", Role::owner, std::nullopt, k_password}); },
                "looks like the existing user 'owner1'");
        add_user(clinic(), {"owner2", Role::owner, std::nullopt, k_password});
        CHECK(count("SELECT count(*) FROM users") == 3);
    }
    SECTION("weak or odd passwords and unknown therapists are refused")
    {
        refused([&] { add_user(clinic(), {"Ana", Role::owner, std::nullopt, "too short"}); },
                "the password is shorter than 10 characters");
        refused([&] { add_user(clinic(), {"Ana", Role::owner, std::nullopt, std::string(1025, 'x')}); },
                "the password is longer than 1024 bytes");
        refused([&] { add_user(clinic(), {"Ana", Role::therapist, 42, k_password}); },
                "--therapist 42: no such therapist");
        refused([&] { add_user(clinic(), {"", Role::owner, std::nullopt, k_password}); },
                "--name must be 1 to 100 bytes");
    }
    SECTION("listed with their role")
    {
        auto id = add_therapist(clinic(), {"Rosa Larsen", std::nullopt});
        add_user(clinic(), {"Desk", Role::front_desk, std::nullopt, k_password});
        add_user(clinic(), {"Rosa L", Role::therapist, id, k_password});
        auto users = list_users(clinic());
        REQUIRE(users.size() == 3);
        CHECK(users[1].role == Role::front_desk);
        CHECK(users[2].therapist_id == id);
    }
}

TEST_CASE_METHOD(Accounts, "accounts::log_in", "[db][access]")
{
    const Instant now = fixed_now();
    SECTION("the right password opens a login its cookie finds")
    {
        auto attempt = log_in(at(now), "rosa", k_password, "127.0.0.1");
        REQUIRE(attempt.outcome == LoginAttempt::Outcome::ok);
        CHECK(attempt.token.size() == 64);
        CHECK(count("SELECT count(*) FROM logins WHERE token_sha256 = '" + attempt.token + "'") == 0);
        auto login = find_login(at(now), attempt.token);
        REQUIRE(login);
        CHECK(login->user.name == "Rosa");
        CHECK(login->csrf.size() == 64);
        CHECK_FALSE(find_login(at(now), std::string(64, '0')));
        CHECK_FALSE(find_login(at(now), "short"));
    }
    SECTION("five failures within 15 minutes lock the name for 15 minutes")
    {
        for (int i = 0; i < 4; ++i)
            CHECK(log_in(at(now + std::chrono::minutes{i}), "Rosa", "wrong", "10.0.0.9").outcome ==
                  LoginAttempt::Outcome::refused);
        CHECK(log_in(at(now + std::chrono::minutes{4}), "Rosa", k_password, "10.0.0.9").outcome ==
              LoginAttempt::Outcome::ok);
        CHECK(log_in(at(now + std::chrono::minutes{5}), "Rosa", "wrong", "10.0.0.9").outcome ==
              LoginAttempt::Outcome::refused);
        auto locked = log_in(at(now + std::chrono::minutes{6}), "Rosa", k_password, "10.0.0.9");
        CHECK(locked.outcome == LoginAttempt::Outcome::locked);
        CHECK(locked.locked_until == now + std::chrono::minutes{20});
        CHECK(log_in(at(now + std::chrono::minutes{19}), "Rosa", k_password, "x").outcome ==
              LoginAttempt::Outcome::locked);
        CHECK(log_in(at(now + std::chrono::minutes{20}), "Rosa", k_password, "x").outcome ==
              LoginAttempt::Outcome::ok);
        // Five failures and one row for the two attempts refused under
        // the lock, which login_refusals counts.
        CHECK(count("SELECT count(*) FROM audit_log WHERE entity = 'login' AND outcome = 'failed'") == 6);
        CHECK(count("SELECT attempts FROM login_refusals WHERE scope = 'name' AND key = 'Rosa'") == 2);
    }
    SECTION("ten failures from one address lock the address, whatever the names")
    {
        for (int i = 0; i < k_address_attempts; ++i)
            CHECK(log_in(at(now), "guess" + std::to_string(i), "wrong", "10.0.0.66").outcome ==
                  LoginAttempt::Outcome::refused);
        for (int i = 0; i < 200; ++i) {
            auto refused = log_in(at(now + std::chrono::seconds{i}), "Rosa", k_password, "10.0.0.66");
            CHECK(refused.outcome == LoginAttempt::Outcome::locked);
            CHECK(refused.address_locked);
        }
        CHECK(log_in(at(now), "Rosa", k_password, "10.0.0.67").outcome ==
              LoginAttempt::Outcome::ok);
        // Ten failures, one row for the lock; the 200 attempts are counted.
        CHECK(count("SELECT count(*) FROM audit_log WHERE entity = 'login' AND outcome = 'failed'") ==
              k_address_attempts + 1);
        CHECK(count("SELECT attempts FROM login_refusals WHERE scope = 'address'") == 200);
    }
    SECTION("a failure keeps a bounded, printable name")
    {
        std::string typed = std::string(5000, 'a') + "\xff";
        log_in(at(now), typed, "wrong", "10.0.0.9");
        log_in(at(now), "b\xff\x01", "wrong", "10.0.0.9");
        SQLite::Statement q(db(), "SELECT name FROM login_failures ORDER BY id");
        REQUIRE(q.executeStep());
        std::string kept = q.getColumn(0).getString();
        CHECK(kept.starts_with(std::string(k_failed_name_bytes, 'a') + "... (5001 bytes, sha256 "));
        CHECK(kept.size() < 120);
        REQUIRE(q.executeStep());
        CHECK(q.getColumn(0).getString() == "b\\xff\\x01");
        CHECK(count("SELECT count(*) FROM audit_log WHERE entity = 'login' AND length(detail) < 300") == 2);
    }
    SECTION("five failures spread over more than 15 minutes do not lock")
    {
        for (int i = 0; i < 5; ++i)
            log_in(at(now + std::chrono::minutes{4 * i}), "Rosa", "wrong", "x");
        CHECK(log_in(at(now + std::chrono::minutes{17}), "Rosa", k_password, "x").outcome ==
              LoginAttempt::Outcome::ok);
    }
    SECTION("an unknown name is refused like a wrong password")
    {
        CHECK(log_in(at(now), "nobody", k_password, "x").outcome == LoginAttempt::Outcome::refused);
    }
    SECTION("an idle login ends after web.idle_minutes")
    {
        auto token = log_in(at(now), "Rosa", k_password, "x").token;
        CHECK(find_login(at(now + std::chrono::minutes{719}), token));
        CHECK(find_login(at(now + std::chrono::minutes{719 + 720}), token));
        CHECK_FALSE(find_login(at(now + std::chrono::minutes{719 + 1441}), token));
        CHECK(count("SELECT count(*) FROM logins WHERE ended_at IS NOT NULL") == 1);
    }
    SECTION("logging out, a new password or disabling ends the logins")
    {
        auto a = log_in(at(now), "Rosa", k_password, "x").token;
        log_out(at(now), *find_login(at(now), a));
        CHECK_FALSE(find_login(at(now), a));
        auto b = log_in(at(now), "Rosa", k_password, "x").token;
        set_password(at(now), "rosa", "another long passphrase");
        CHECK_FALSE(find_login(at(now), b));
        CHECK(log_in(at(now), "Rosa", k_password, "x").outcome == LoginAttempt::Outcome::refused);
        auto c = log_in(at(now), "Rosa", "another long passphrase", "x").token;
        disable_user(at(now), "Rosa");
        CHECK_FALSE(find_login(at(now), c));
        CHECK(log_in(at(now), "Rosa", "another long passphrase", "x").outcome ==
              LoginAttempt::Outcome::refused);
        refused([&] { disable_user(clinic(), "Rosa"); }, "--name 'Rosa' is disabled");
        CHECK(count("SELECT count(*) FROM users") == 1); // kept, never deleted
    }
}

TEST_CASE("accounts::same_secret", "[access]")
{
    CHECK(same_secret("abc", "abc"));
    CHECK_FALSE(same_secret("abc", "abd"));
    CHECK_FALSE(same_secret("abc", "abcd"));
    CHECK_FALSE(same_secret("", "a"));
}
