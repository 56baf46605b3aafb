#pragma once
// Opening the clinic's SQLite file: location, file mode, pragmas, schema
// version and migrations.

#include "massagelog/core/values.hpp"
#include "massagelog/store/audit.hpp"

#include <memory>
#include <string>

namespace SQLite {
class Exception;
class Database;
}

namespace massagelog {

enum class OpenMode {
    read_only,  // queries; the file must exist
    read_write, // changes; the file must exist and be at the current schema
    migrate,    // db migrate: the file must exist; pending migrations are applied
    create      // init and demo: created with mode 0600 when missing, then migrated
};

// --db when given, else MASSAGELOG_DB, else $XDG_DATA_HOME/massagelog/clinic.db
// (~/.local/share/massagelog/clinic.db).
// Messages name fields and next steps in `words`.
std::string resolve_database_path(const std::string& db_flag, const Wording& words = {});

// Opens `path` with the pragmas every connection uses (foreign keys, WAL,
// synchronous FULL, busy timeout 5 s, trusted_schema off, secure_delete,
// cell_size_check, no mmap, defensive mode). Throws OperationalError when the
// file is missing (unless `create`), is not a database, or has a schema newer
// than this program or older without `create`.
std::unique_ptr<SQLite::Database> open_database(const std::string& path, OpenMode mode,
                                                const Actor& actor, Instant now,
                                                const Wording& words = {});

// PRAGMA user_version.
int schema_version(SQLite::Database& db);

// True when SQLite refused a row for a constraint (CHECK, NOT NULL, UNIQUE,
// a key): the row is bad; anything else is the database or the disk.
bool is_constraint(const SQLite::Exception& e);

// The newest schema version this program knows.
int latest_schema_version();

// Applies the migrations after the database's version, one transaction each,
// each audited. Returns how many ran.
int migrate(SQLite::Database& db, const Actor& actor, Instant now);

} // namespace massagelog
