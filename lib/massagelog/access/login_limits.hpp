#pragma once
// How failed logins are bounded (SPEC 8): the locks on a name and on an
// address, and what a failure or a refusal under a lock leaves behind.
// Used by log_in; not a public interface of its own.

#include "massagelog/access/accounts.hpp"
#include "massagelog/store/clinic.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace massagelog::login_limits {

// A lock on a name or on an address.
enum class LockScope { name, address };

struct Lock {
    LockScope scope;
    Instant until;
};

// What a failure keeps of the name: printable, at most k_failed_name_bytes,
// then its length and the start of its SHA-256.
std::string failed_name(std::string_view name);

// The end of the lock on a name (or an address), when its last
// k_login_attempts (k_address_attempts) failures fall within k_lockout and
// the last is less than k_lockout ago.
std::optional<Instant> locked_until(Clinic& clinic, LockScope scope, std::string_view key);

// The lock that stands on the name or the address, the address's first.
std::optional<Lock> current_lock(Clinic& clinic, const std::string& name, std::string_view address);

// A failed attempt, in login_failures and the audit (with the lock it
// brought, if any). Runs inside the caller's write.
void record_failure(Clinic& clinic, const std::string& name, std::string_view address);

// An attempt refused under a lock: counted in login_refusals; the first of
// each lock is audited.
LoginAttempt refuse_locked(Clinic& clinic, const Lock& lock, const std::string& name,
                           std::string_view address);

} // namespace massagelog::login_limits
