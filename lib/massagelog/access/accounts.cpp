#include "massagelog/access/accounts.hpp"
#include "massagelog/access/login_limits.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/records/people.hpp"
#include "massagelog/store/settings.hpp"

#include "massagelog/core/text.hpp"
#include "massagelog/store/audit.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <semaphore>
#include <stdexcept>
#include <thread>

namespace massagelog {

namespace {

void need_sodium()
{
    if (sodium_init() < 0)
        throw OperationalError("libsodium could not start", "check the system's random source");
}

// Argon2id holds crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE (64 MiB) while
// it runs: at most as many hashes at once as the cores can run, and as an
// eighth of the memory free at start holds.
class HashSlots {
public:
    HashSlots() : m_slots(count()) {}
    void take() { m_slots.acquire(); }
    void give() { m_slots.release(); }

private:
    static std::ptrdiff_t count()
    {
        long pages = sysconf(_SC_AVPHYS_PAGES);
        long page = sysconf(_SC_PAGESIZE);
        std::ptrdiff_t by_memory =
            pages > 0 && page > 0
                ? static_cast<std::ptrdiff_t>(static_cast<unsigned long long>(pages) *
                                              static_cast<unsigned long long>(page) / 8 /
                                              crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE)
                : 1;
        std::ptrdiff_t cores = std::max(2u, std::thread::hardware_concurrency());
        return std::clamp<std::ptrdiff_t>(std::min(by_memory, cores), 1, 16);
    }
    std::counting_semaphore<16> m_slots;
};

class HashSlot {
public:
    HashSlot() { slots().take(); }
    ~HashSlot() { slots().give(); }
    HashSlot(const HashSlot&) = delete;
    HashSlot& operator=(const HashSlot&) = delete;

private:
    static HashSlots& slots()
    {
        static HashSlots s;
        return s;
    }
};

std::string password_hash(const std::string& password)
{
    need_sodium();
    HashSlot slot;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                              crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw OperationalError("out of memory while hashing the password");
    return out;
}

bool password_matches(const std::string& hash, const std::string& password)
{
    need_sodium();
    HashSlot slot;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}


User user_from(SQLite::Statement& q)
{
    User u;
    u.id = q.getColumn("id").getInt64();
    u.name = q.getColumn("name").getString();
    u.role = parse_enum<Role>(q.getColumn("role").getString(), "role");
    if (!q.getColumn("therapist_id").isNull())
        u.therapist_id = q.getColumn("therapist_id").getInt64();
    u.created_at = from_utc_text(q.getColumn("created_at").getText());
    if (!q.getColumn("disabled_at").isNull())
        u.disabled_at = from_utc_text(q.getColumn("disabled_at").getText());
    return u;
}

constexpr const char* k_user_columns = "u.id, u.name, u.role, u.therapist_id, u.created_at, u.disabled_at";


User active_user(Clinic& clinic, std::string_view name)
{
    auto user = user_named(clinic, name);
    if (!user)
        throw InputError(fmt::format("{} {}: no such user", clinic.label("name"), quote_value(name)))
            .about(clinic.label("name"));
    if (user->disabled_at)
        throw InputError(fmt::format("{} {} is disabled", clinic.label("name"), quote_value(name)))
            .about(clinic.label("name"));
    return *user;
}

void end_logins(Clinic& clinic, std::int64_t user_id)
{
    SQLite::Statement q(clinic.db(),
                        "UPDATE logins SET ended_at = :now WHERE user_id = :user AND ended_at IS NULL");
    q.bind(":now", to_utc_text(clinic.clock().now()));
    q.bind(":user", user_id);
    q.exec();
}

} // namespace

std::string user_name_key(std::string_view typed)
{
    auto trim = [](std::string text) {
        const char* space = " \t";
        auto first = text.find_first_not_of(space);
        if (first == std::string::npos)
            return std::string();
        return text.substr(first, text.find_last_not_of(space) - first + 1);
    };
    std::string name = trim(std::string(typed));
    try {
        checked_text(name, "name", TextKind::line);
    } catch (const InputError&) {
        return name; // not a name any user has; checked where it must be one
    }
    return trim(nfkc(name));
}

std::string random_token()
{
    need_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char hex[sizeof bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

std::optional<User> user_named(Clinic& clinic, std::string_view name)
{
    SQLite::Statement q(clinic.db(), fmt::format("SELECT {} FROM users u WHERE u.name = :name",
                                                 k_user_columns));
    q.bind(":name", user_name_key(name));
    if (!q.executeStep())
        return std::nullopt;
    return user_from(q);
}

void check_password(const std::string& password, std::string_view field)
{
    if (password.size() < 10)
        throw InputError(fmt::format("{} is shorter than 10 characters", field),
                         "a passphrase of a few words is easy to type and hard to guess")
            .about(field);
    if (password.size() > 1024)
        throw InputError(fmt::format("{} is longer than 1024 bytes", field)).about(field);
    if (password.find('\0') != std::string::npos)
        throw InputError(fmt::format("{} contains a NUL byte", field)).about(field);
}

std::int64_t add_user(Clinic& clinic, const UserInput& in)
{
    std::string name = user_name_key(checked_text(in.name, clinic.label("name"), TextKind::line));
    if (name.empty() || name.size() > 100)
        throw InputError(fmt::format("{} must be 1 to 100 bytes", clinic.label("name")))
            .about(clinic.label("name"));
    check_password(in.password, "the password");
    std::string hash = password_hash(in.password);
    return clinic.write([&] {
        if (user_named(clinic, name))
            throw InputError(fmt::format("{} {}: a user of that name exists", clinic.label("name"),
                                         quote_value(name)),
                             "names are unique, ignoring case")
                .about(clinic.label("name"));
        const std::string skeleton = confusable_skeleton(name);
        for (const User& other : list_users(clinic))
            if (confusable_skeleton(other.name) == skeleton)
                throw InputError(fmt::format("{} {} looks like the existing user {}",
                                             clinic.label("name"), quote_value(name),
                                             quote_value(other.name)),
                                 "choose a name that cannot be mistaken for it")
                    .about(clinic.label("name"));
        if (in.therapist_id)
            require_therapist(clinic, *in.therapist_id, clinic.label("therapist_id"));
        SQLite::Statement q(clinic.db(),
                            "INSERT INTO users (name, role, therapist_id, password_hash, created_at) "
                            "VALUES (:name, :role, :therapist, :hash, :now)");
        q.bind(":name", name);
        q.bind(":role", std::string(to_string(in.role)));
        if (in.therapist_id)
            q.bind(":therapist", *in.therapist_id);
        q.bind(":hash", hash);
        q.bind(":now", to_utc_text(clinic.clock().now()));
        q.exec();
        std::int64_t id = clinic.db().getLastInsertRowid();
        nlohmann::json detail = {{"name", name}, {"role", to_string(in.role)}};
        if (in.therapist_id)
            detail["therapist_id"] = *in.therapist_id;
        clinic.audit({"create", "user", id, std::nullopt, detail});
        return id;
    });
}

std::vector<User> list_users(Clinic& clinic)
{
    SQLite::Statement q(clinic.db(), fmt::format("SELECT {} FROM users u ORDER BY u.id", k_user_columns));
    std::vector<User> out;
    while (q.executeStep())
        out.push_back(user_from(q));
    return out;
}

std::int64_t set_password(Clinic& clinic, std::string_view name, const std::string& password)
{
    check_password(password, "the password");
    std::string hash = password_hash(password);
    return clinic.write([&] {
        User user = active_user(clinic, name);
        SQLite::Statement q(clinic.db(), "UPDATE users SET password_hash = :hash WHERE id = :id");
        q.bind(":hash", hash);
        q.bind(":id", user.id);
        q.exec();
        end_logins(clinic, user.id);
        clinic.audit({"update", "user", user.id, std::nullopt, {{"fields", {"password"}}}});
        return user.id;
    });
}

std::int64_t disable_user(Clinic& clinic, std::string_view name)
{
    return clinic.write([&] {
        User user = active_user(clinic, name);
        SQLite::Statement q(clinic.db(), "UPDATE users SET disabled_at = :now WHERE id = :id");
        q.bind(":now", to_utc_text(clinic.clock().now()));
        q.bind(":id", user.id);
        q.exec();
        end_logins(clinic, user.id);
        clinic.audit({"archive", "user", user.id, std::nullopt, {{"name", user.name}}});
        return user.id;
    });
}

LoginAttempt log_in(Clinic& clinic, std::string_view typed, const std::string& password,
                    std::string_view address)
{
    using namespace login_limits;
    const std::string name = user_name_key(typed);
    const std::string kept = failed_name(name);
    // A locked name or address is refused before any hashing: a flood costs
    // a read and a counter, not a hash and an audit row each.
    auto lock = current_lock(clinic, kept, address);
    if (lock)
        return refuse_locked(clinic, *lock, kept, address);

    // The hash is checked outside the write: it takes a tenth of a second
    // and needs no lock.
    auto user = user_named(clinic, name);
    std::string hash;
    if (user) {
        SQLite::Statement q(clinic.db(), "SELECT password_hash FROM users WHERE id = :id");
        q.bind(":id", user->id);
        if (q.executeStep())
            hash = q.getColumn(0).getString();
    }
    // An unknown name costs the same as a wrong password.
    static const std::string k_decoy = password_hash("decoy password, never matches");
    bool matches = password.size() <= 1024 &&
                   password_matches(hash.empty() ? k_decoy : hash, password) && !hash.empty() &&
                   !user->disabled_at;

    auto out = clinic.write([&]() -> std::optional<LoginAttempt> {
        LoginAttempt out;
        const std::string now = to_utc_text(clinic.clock().now());
        if (current_lock(clinic, kept, address))
            return std::nullopt; // locked while the password was hashed
        if (!matches) {
            record_failure(clinic, kept, address);
            return out;
        }
        out.token = random_token();
        SQLite::Statement q(clinic.db(),
                            "INSERT INTO logins (token_sha256, user_id, csrf, address, created_at, "
                            "last_seen_at) VALUES (:token, :user, :csrf, :address, :now, :now)");
        q.bind(":token", sha256_hex(out.token));
        q.bind(":user", user->id);
        q.bind(":csrf", random_token());
        q.bind(":address", std::string(address));
        q.bind(":now", now);
        q.exec();
        clinic.audit({"create", "login", clinic.db().getLastInsertRowid(), std::nullopt,
                      {{"name", user->name}, {"address", printable(address)}}});
        out.outcome = LoginAttempt::Outcome::ok;
        return out;
    });
    if (out)
        return *out;
    return refuse_locked(clinic, *current_lock(clinic, kept, address), kept, address);
}

std::optional<Login> find_login(Clinic& clinic, std::string_view token)
{
    if (token.size() != 64)
        return std::nullopt;
    // At every request: prepared once per connection.
    static const std::string sql =
        fmt::format("SELECT {}, l.id AS login_id, l.csrf, l.last_seen_at FROM logins l "
                    "JOIN users u ON u.id = l.user_id WHERE l.token_sha256 = :token "
                    "AND l.ended_at IS NULL AND u.disabled_at IS NULL",
                    k_user_columns);
    auto lease = clinic.statement(sql);
    SQLite::Statement& q = *lease;
    q.bind(":token", sha256_hex(token));
    if (!q.executeStep())
        return std::nullopt;
    Login login{q.getColumn("login_id").getInt64(), user_from(q), q.getColumn("csrf").getString()};
    const Instant seen = from_utc_text(q.getColumn("last_seen_at").getText());
    q.reset();
    const Instant now = clinic.clock().now();
    const auto idle = std::chrono::minutes{get_int_setting(clinic, "web.idle_minutes")};
    if (now - seen > idle) {
        clinic.write([&] {
            SQLite::Statement end(clinic.db(), "UPDATE logins SET ended_at = :now WHERE id = :id");
            end.bind(":now", to_utc_text(now));
            end.bind(":id", login.id);
            end.exec();
        });
        return std::nullopt;
    }
    // Written at most once a minute: a page view need not wait for the lock.
    if (now - seen >= std::chrono::minutes{1})
        clinic.write([&] {
            SQLite::Statement touch(clinic.db(),
                                    "UPDATE logins SET last_seen_at = :now WHERE id = :id");
            touch.bind(":now", to_utc_text(now));
            touch.bind(":id", login.id);
            touch.exec();
        });
    return login;
}

void log_out(Clinic& clinic, const Login& login)
{
    clinic.write([&] {
        SQLite::Statement q(clinic.db(), "UPDATE logins SET ended_at = :now WHERE id = :id "
                                         "AND ended_at IS NULL");
        q.bind(":now", to_utc_text(clinic.clock().now()));
        q.bind(":id", login.id);
        q.exec();
        clinic.audit({"update", "login", login.id, std::nullopt, {{"ended", "logout"}}});
    });
}

bool same_secret(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
           sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace massagelog
