#pragma once
// Therapists and clients: adding, correcting, listing, looking up and
// archiving (a client with flags standing: archive.hpp).

#include "massagelog/core/time.hpp"
#include "massagelog/store/row_table.hpp"
#include "massagelog/core/values.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace massagelog {

class Clinic;

struct TherapistInput {
    std::string name;
    std::optional<std::string> licence;
};

struct Therapist {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> licence;
    bool active = true;
    Instant created_at{};
};

// Validates every field (naming it with `label`); throws InputError.
TherapistInput checked_therapist(const TherapistInput& input, const FieldLabel& label);

// Adds a therapist (audited); returns the new id. Throws InputError on bad text.
std::int64_t add_therapist(Clinic& clinic, const TherapistInput& input);

std::vector<Therapist> list_therapists(Clinic& clinic);

// The active therapist `actor` last entered a session for: the default when
// the same person enters the next one.
std::optional<std::int64_t> last_therapist_for(Clinic& clinic, const std::string& actor);

struct ClientInput {
    std::string name;
    std::optional<std::string> phone;
    std::optional<std::string> email;
    std::optional<std::string> birth_date; // YYYY-MM-DD
    std::optional<std::string> notes;
};

struct Client {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> phone;
    std::optional<std::string> email;
    std::optional<std::string> birth_date;
    std::optional<std::string> notes;
    Instant created_at{};
    std::optional<Instant> archived_at;
};

// Validates every field (naming it with `label`); a birth date must not be
// after `today` (YYYY-MM-DD). Throws InputError.
ClientInput checked_client(const ClientInput& input, const std::string& today,
                           const FieldLabel& label);

// Adds a client (validated, audited); returns the new id.
std::int64_t add_client(Clinic& clinic, const ClientInput& input);

// A correction of a client's details: each field given is set, an empty one
// (but the name) cleared, the rest left as they are.
struct ClientChange {
    std::optional<std::string> name, phone, email, birth_date, notes;
};

// Corrects a client's details, validated as add_client does, in one audited
// transaction (the audit row names the fields, not their contents). Returns
// the fields that changed; throws InputError when none does.
std::vector<std::string> edit_client(Clinic& clinic, std::int64_t id, const ClientChange& change);

// Brings an archived client back to the lists, flags and calls due (audited).
void unarchive_client(Clinic& clinic, std::int64_t id);

struct TherapistChange {
    std::optional<std::string> name, licence;
};

// Corrects a therapist's name or licence (audited); as edit_client.
std::vector<std::string> edit_therapist(Clinic& clinic, std::int64_t id,
                                        const TherapistChange& change);

// Archives a therapist: left out of the lists and of new sessions, their
// sessions kept (audited). Throws InputError when archived already.
void archive_therapist(Clinic& clinic, std::int64_t id);

// How therapists and clients are written (store/row_insert.hpp).
template <> struct RowTable<Therapist> {
    static const char* const insert_sql;
    static void bind(SQLite::Statement& insert, const Therapist& row);
};
template <> struct RowTable<Client> {
    static const char* const insert_sql;
    static void bind(SQLite::Statement& insert, const Client& row);
};

enum class IncludeArchived { no, yes };

// Clients whose name (whatever its case and accents), phone or email contains `search` (all when empty),
// or whose phone's digits contain a phone-like search's digits ("5550101"
// finds "555 0101", "+49 30" finds "(030)"... only where the digits run on),
// by name; archived ones only when asked.
void each_client(Clinic& clinic, const std::string& search, IncludeArchived archived,
                 const std::function<void(const Client&)>& visit);

std::optional<Client> find_client(Clinic& clinic, std::int64_t id);

// The client with this id, or InputError "<label> N: no such client".
Client require_client(Clinic& clinic, std::int64_t id, std::string_view field);

// The therapist with this id, or InputError.
Therapist require_therapist(Clinic& clinic, std::int64_t id, std::string_view field);

// A client as typed: an ID, or a name (whatever its case and accents, archived clients
// left out). Throws InputError naming `field` when nothing matches, or
// when the name is ambiguous (listing the candidates with their IDs).
std::int64_t resolve_client(Clinic& clinic, std::string_view text, std::string_view field);
// The same among archived clients only: the one to bring back.
std::int64_t resolve_archived_client(Clinic& clinic, std::string_view text, std::string_view field);
// The same for a therapist (inactive ones left out).
std::int64_t resolve_therapist(Clinic& clinic, std::string_view text, std::string_view field);

// The clients named `name` but for case and accents, archived ones too, by
// id, leaving out `other_than`: a second "María García" is likely the first.
std::vector<Client> clients_named(Clinic& clinic, std::string_view name,
                                  std::int64_t other_than = 0);

// Clients whose name contains `text` (whatever its case and accents), at most `limit`,
// not archived: for choosing one interactively.
std::vector<Client> find_clients(Clinic& clinic, std::string_view text, std::size_t limit);

} // namespace massagelog
