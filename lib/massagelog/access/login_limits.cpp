#include "massagelog/access/login_limits.hpp"

#include "massagelog/core/text.hpp"
#include "massagelog/core/values.hpp"
#include "massagelog/store/audit.hpp"

#include <fmt/format.h>

#include <vector>

namespace massagelog::login_limits {

std::optional<Instant> locked_until(Clinic& clinic, LockScope scope, std::string_view key)
{
    const bool by_name = scope == LockScope::name;
    const int attempts = by_name ? k_login_attempts : k_address_attempts;
    SQLite::Statement q(clinic.db(), by_name ? "SELECT at FROM login_failures WHERE name = :key "
                                               "ORDER BY at DESC LIMIT :n"
                                             : "SELECT at FROM login_failures WHERE address = "
                                               ":key ORDER BY at DESC LIMIT :n");
    q.bind(":key", std::string(key));
    q.bind(":n", attempts);
    std::vector<Instant> at;
    while (q.executeStep())
        at.push_back(from_utc_text(q.getColumn(0).getText()));
    if (static_cast<int>(at.size()) < attempts || at.front() - at.back() > k_lockout)
        return std::nullopt;
    Instant until = at.front() + k_lockout;
    if (clinic.clock().now() >= until)
        return std::nullopt;
    return until;
}

std::optional<Lock> current_lock(Clinic& clinic, const std::string& name, std::string_view address)
{
    if (auto until = locked_until(clinic, LockScope::address, address))
        return Lock{LockScope::address, *until};
    if (auto until = locked_until(clinic, LockScope::name, name))
        return Lock{LockScope::name, *until};
    return std::nullopt;
}

void record_failure(Clinic& clinic, const std::string& name, std::string_view address)
{
    SQLite::Statement q(clinic.db(), "INSERT INTO login_failures (name, address, at) "
                                     "VALUES (:name, :address, :at)");
    q.bind(":name", name);
    q.bind(":address", std::string(address));
    q.bind(":at", to_utc_text(clinic.clock().now()));
    q.exec();
    nlohmann::json detail = {{"name", name}, {"address", printable(address)},
                             {"reason", "wrong name or password"}};
    if (auto until = locked_until(clinic, LockScope::name, name))
        detail["locked_until"] = to_utc_text(*until);
    if (auto until = locked_until(clinic, LockScope::address, address))
        detail["address_locked_until"] = to_utc_text(*until);
    clinic.audit({"create", "login", std::nullopt, std::nullopt, detail, "failed"});
}

LoginAttempt refuse_locked(Clinic& clinic, const Lock& lock, const std::string& name,
                           std::string_view address)
{
    clinic.write([&] {
        const std::string scope = lock.scope == LockScope::name ? "name" : "address";
        SQLite::Statement q(clinic.db(),
                            "INSERT INTO login_refusals (scope, key, locked_until, attempts, "
                            "last_at) VALUES (:scope, :key, :until, 1, :now) ON CONFLICT (scope, "
                            "key, locked_until) DO UPDATE SET attempts = attempts + 1, last_at = "
                            "excluded.last_at RETURNING attempts");
        q.bind(":scope", scope);
        q.bind(":key", lock.scope == LockScope::name ? name : std::string(address));
        q.bind(":until", to_utc_text(lock.until));
        q.bind(":now", to_utc_text(clinic.clock().now()));
        q.executeStep();
        const std::int64_t attempts = q.getColumn(0).getInt64();
        q.reset();
        if (attempts == 1)
            clinic.audit({"create", "login", std::nullopt, std::nullopt,
                          {{"name", name},
                           {"address", printable(address)},
                           {"reason", "locked"},
                           {"locked", scope},
                           {"locked_until", to_utc_text(lock.until)},
                           {"later_attempts", "counted in login_refusals until the lock ends"}},
                          "failed"});
    });
    LoginAttempt out;
    out.outcome = LoginAttempt::Outcome::locked;
    out.locked_until = lock.until;
    out.address_locked = lock.scope == LockScope::address;
    return out;
}

std::string failed_name(std::string_view name)
{
    if (name.size() <= k_failed_name_bytes)
        return printable(name);
    return fmt::format("{}... ({} bytes, sha256 {})", printable(name.substr(0, k_failed_name_bytes)),
                       name.size(), sha256_hex(name).substr(0, 16));
}

} // namespace massagelog::login_limits
