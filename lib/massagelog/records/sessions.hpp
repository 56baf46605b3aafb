#pragma once
// Massage sessions and the regions each one worked.

#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"
#include "massagelog/records/session_region.hpp"
#include "massagelog/rules/contraindications.hpp"
#include "massagelog/rules/flag.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace massagelog {

class BulkDigest;
class Catalog;
class Clinic;

struct SessionInput {
    std::int64_t client_id = 0;
    std::int64_t therapist_id = 0;
    Instant started_at{};
    int duration_min = 60;
    std::string technique;
    int pressure = 0;
    std::vector<RegionSpec> regions;
    std::optional<std::string> notes;
    // Given (--despite-flags --reason TEXT): work a region that a refer flag
    // guards anyway, for this reason, audited with the flags overridden.
    std::optional<std::string> despite_flags_reason;
    // Given (--despite-contraindication --reason TEXT): go ahead although a
    // contraindication blocks the session, for this reason, audited with
    // what it overrode.
    std::optional<std::string> despite_contraindication_reason;
};

struct Session {
    std::int64_t id = 0;
    std::int64_t client_id = 0;
    std::string client_name;
    std::int64_t therapist_id = 0;
    std::string therapist_name;
    Instant started_at{};
    int duration_min = 0;
    std::string technique;
    int pressure = 0;
    std::vector<SessionRegion> regions;
    std::optional<std::string> notes;
    std::string created_by;
    std::optional<Instant> voided_at;
    std::optional<std::string> void_reason;
};

// A session added, and what stood as it was entered, for the front end to
// show: the client's flags (refer and watch, not cleared or dismissed) and
// the contraindication check against their health history.
struct AddedSession {
    std::int64_t id = 0;
    std::vector<Flag> standing;
    ContraCheck contra;
};

// Adds a session with its regions (validated, audited, one transaction).
// Throws InputError naming the flag for an unknown or archived client, an
// inactive therapist, an unknown technique or region, a region given
// twice, or bad text; and naming the region and the flag when a region it
// works is under a refer flag not yet cleared or dismissed (as the session
// is entered), unless input.despite_flags_reason is given; and naming the
// region, the answer and the rule when a contraindication blocks it
// (against the client's health history), unless
// input.despite_contraindication_reason is given.
AddedSession add_session(Clinic& clinic, const SessionInput& input);

// What is being recorded: a new entry, or history (an import) in which an
// archived client or inactive therapist may appear and a row may be voided.
enum class EntryKind { new_entry, history };

// Who entered a row and when, and whether it was voided; an import keeps
// these (and the id) from the file.
struct RecordMeta {
    std::optional<std::int64_t> id;
    std::string created_by;
    Instant created_at{};
    std::optional<Instant> voided_at;
    std::optional<std::string> void_reason;
};

// Checks and inserts sessions with statements prepared once: one for the
// command line, many for an import. Use inside a write transaction.
class SessionWriter {
public:
    explicit SessionWriter(Clinic& clinic);
    ~SessionWriter();
    SessionWriter(const SessionWriter&) = delete;
    SessionWriter& operator=(const SessionWriter&) = delete;

    // Validates `input` by the rules of the command line; throws InputError
    // naming each field with `label`.
    void check(const SessionInput& input, EntryKind kind, const FieldLabel& label);
    // The regions and techniques the checks read.
    const Catalog& catalog() const;
    // Inserts the session last checked, with its regions; returns its id.
    std::int64_t insert(const SessionInput& input, const RecordMeta& meta);

    // An import writes in batches: queue() keeps the session last checked
    // (which must carry its id) with the caller's `tag` (its line); flush() writes what is queued
    // with multi-row statements and, when SQLite refuses one, row by row, so that each refused row
    // is named. A statement per row was two thirds of an import's time.
    struct Refusal {
        long long tag = 0;
        std::optional<std::int64_t> id;
        bool duplicate_id = false; // the id is taken
        std::string message;       // SQLite's, otherwise
    };
    static constexpr std::size_t k_batch = 64; // sessions per statement
    void queue(const SessionInput& input, const RecordMeta& meta, long long tag);
    std::size_t queued() const;
    void flush(const std::function<void(const Refusal&)>& refused);
    // From now on each queued session's digest, as it will be written, goes
    // to `digests` (which must outlive the writer): an import audits them
    // without reading its rows back.
    void digest_into(BulkDigest& digests);

    // For a large import: reads every client and therapist once, so that
    // check() asks the database nothing, and from then on flush() hands each
    // batch to a second thread that writes it while this one reads and
    // checks the next rows. Refusals still come back through flush() and
    // finish(), on this thread. Until finish() returns, only the writing
    // thread uses the database.
    void write_in_background();
    // Writes what is queued, waits for every batch to be written, and ends
    // the second thread; rethrows what stopped it (a full disk, say).
    void finish(const std::function<void(const Refusal&)>& refused);
    bool exists(std::int64_t id);
    // What the last check resolved: the regions with their defaults filled
    // in, the technique's name, whether there are notes.
    std::vector<SessionRegion> regions() const;
    const std::string& technique_name() const;
    bool has_notes() const;

private:
    struct State;
    std::unique_ptr<State> m;
};

struct SessionFilter {
    std::optional<std::int64_t> client_id;
    std::optional<std::int64_t> therapist_id;
    std::optional<Instant> from; // inclusive
    std::optional<Instant> to;   // exclusive
    bool include_voided = true;
};

// Sessions matching `filter`, oldest first, streamed one at a time.
void each_session(Clinic& clinic, const SessionFilter& filter,
                  const std::function<void(const Session&)>& visit);

std::optional<Session> find_session(Clinic& clinic, std::int64_t id);

// Whether a write goes ahead although unreviewed refer flags rest on it.
enum class DespiteFlags { no, yes };

// Voids a session (audited). A voided session stays on record but never
// fires a flag. Throws InputError when it does not exist or is voided
// already, and, naming them, while unreviewed refer flags rest on it (its
// reports, or its deep work behind a nerve flag) unless `despite` says yes:
// the audit row then lists the flags it overrode.
void void_session(Clinic& clinic, std::int64_t id, const std::string& reason,
                  DespiteFlags despite = DespiteFlags::no);

} // namespace massagelog
