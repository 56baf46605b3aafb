#pragma once
// Archiving a client: hidden from lists, flags and calls due, records kept.
// It sits above people and flags because a client with refer flags nobody
// has reviewed must not drop off every list by being archived.

#include <cstdint>
#include <optional>
#include <string>

namespace massagelog {

class Clinic;

// Archives a client (audited, one transaction). Throws InputError when the
// client does not exist or is archived already, and while unreviewed
// refer-level flags stand for the client (naming each), unless
// `despite_flags_reason` gives the reason to archive anyway: the audit row
// then records it with the flags it overrode.
void archive_client(Clinic& clinic, std::int64_t id,
                    const std::optional<std::string>& despite_flags_reason = std::nullopt);

} // namespace massagelog
