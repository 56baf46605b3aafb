-- Schema v7: failed logins are bounded per address as well as per name
-- (SPEC 8, "bounded under abuse"). An address with too many failures is
-- locked like a name; the attempts refused while a name or an address is
-- locked are counted here, one row per lock, instead of one audit row each.
CREATE INDEX login_failures_address ON login_failures (address, at);

CREATE TABLE login_refusals (
    id           INTEGER PRIMARY KEY,
    scope        TEXT NOT NULL CHECK (scope IN ('name', 'address')),
    key          TEXT NOT NULL COLLATE NOCASE,
    locked_until TEXT NOT NULL,
    attempts     INTEGER NOT NULL CHECK (attempts >= 1),
    last_at      TEXT NOT NULL,
    UNIQUE (scope, key, locked_until)
) STRICT;
