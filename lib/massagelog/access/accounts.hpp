#pragma once
// Staff accounts for the web entry: who may log in, with which role, and
// their logins (SPEC 8). Passwords are kept only as Argon2id hashes
// (libsodium's crypto_pwhash_str); a login is known by the SHA-256 of its
// cookie. Every change is audited.

#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"
#include "massagelog/store/clinic.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace massagelog {

// Five failed logins for a name within this span lock it for the same span;
// ten from one address lock the address.
inline constexpr int k_login_attempts = 5;
inline constexpr int k_address_attempts = 10;
inline constexpr std::chrono::minutes k_lockout{15};
// What a failed login keeps of the name typed: at most this many bytes,
// then its length and digest.
inline constexpr std::size_t k_failed_name_bytes = 64;

// What a user may do. A therapist enters sessions and reports and reads
// flags and summaries; the front desk adds clients and logs calls; the owner
// does everything, including flag reviews, export and accounts.
enum class Role { therapist, front_desk, owner };
template <> struct EnumNames<Role> {
    static constexpr std::string_view noun = "role";
    static constexpr std::array<std::pair<Role, std::string_view>, 3> list{
        {{Role::therapist, "therapist"}, {Role::front_desk, "front-desk"}, {Role::owner, "owner"}}};
};

struct User {
    std::int64_t id = 0;
    std::string name;
    Role role = Role::therapist;
    std::optional<std::int64_t> therapist_id; // the therapist a therapist's account is
    Instant created_at{};
    std::optional<Instant> disabled_at;
};

struct UserInput {
    std::string name;
    Role role = Role::therapist;
    std::optional<std::int64_t> therapist_id;
    std::string password;
};

// A user name as it is stored and looked up: spaces trimmed, Unicode NFKC
// (a no-break space is a space). Bytes that are not UTF-8 are left as they
// are (no user has such a name).
std::string user_name_key(std::string_view typed);

// Adds an account; the name (user_name_key) is unique, ignoring case, and
// is refused when it looks like an existing one (Cyrillic "о" for "o"),
// naming it. Throws InputError for a taken name, a weak password or an
// unknown therapist.
std::int64_t add_user(Clinic& clinic, const UserInput& in);
std::vector<User> list_users(Clinic& clinic);
// The account called `name` (ASCII case ignored), active or not.
std::optional<User> user_named(Clinic& clinic, std::string_view name);
// Sets a new password and ends the user's logins; returns the user's id.
std::int64_t set_password(Clinic& clinic, std::string_view name, const std::string& password);
// Disables the account and ends its logins; its history stays. Returns the
// user's id.
std::int64_t disable_user(Clinic& clinic, std::string_view name);

// The password rules: 10 to 1024 bytes, no NUL. Throws InputError naming
// `field`.
void check_password(const std::string& password, std::string_view field);

struct LoginAttempt {
    enum class Outcome { ok, refused, locked } outcome = Outcome::refused;
    std::optional<Instant> locked_until; // when locked
    bool address_locked = false;         // locked for the address, not the name
    std::string token;                   // when ok: the cookie's value
};

// Checks a name and password typed at `address` and, when they match an
// active account that is not locked, opens a login. Failures are counted
// and audited with the name bounded (k_failed_name_bytes, printable); the
// fifth for a name within k_lockout locks the name, the tenth from an
// address the address. While locked, an attempt is refused before its
// password is hashed, and counted in login_refusals: one audit row per
// lock, not one per attempt. The password is hashed a few at a time
// whatever the number of logins at once (each hash takes 64 MiB).
LoginAttempt log_in(Clinic& clinic, std::string_view name, const std::string& password,
                    std::string_view address);

struct Login {
    std::int64_t id = 0;
    User user;
    std::string csrf; // the token every form of this login carries
};

// The open login a cookie stands for, or nothing: unknown, ended, idle for
// longer than web.idle_minutes (then it is ended), or its user disabled.
std::optional<Login> find_login(Clinic& clinic, std::string_view token);
void log_out(Clinic& clinic, const Login& login);

// 256 random bits as 64 hex digits (libsodium's randombytes).
std::string random_token();

// True when `a` and `b` are equal, in time that does not depend on where
// they differ.
bool same_secret(std::string_view a, std::string_view b);

} // namespace massagelog
