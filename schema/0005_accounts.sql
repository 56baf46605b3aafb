-- Schema v5: staff accounts for the web entry (massagelog serve, SPEC 8).
-- Accounts are not clinical rows: they do not move with export/import, and
-- a password is only ever stored as its Argon2id hash (libsodium's
-- crypto_pwhash_str form).
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),
    role          TEXT NOT NULL CHECK (role IN ('therapist', 'front-desk', 'owner')),
    therapist_id  INTEGER REFERENCES therapists (id),
    password_hash TEXT NOT NULL CHECK (password_hash GLOB '$argon2id$*'),
    created_at    TEXT NOT NULL,
    disabled_at   TEXT
) STRICT;
CREATE TRIGGER users_no_delete BEFORE DELETE ON users
BEGIN SELECT RAISE(ABORT, 'users are disabled, never deleted'); END;

-- One row per login: the SHA-256 of its cookie (never the cookie itself)
-- and its CSRF token. Ended by logging out, by idling, or by disabling the
-- user.
CREATE TABLE logins (
    id           INTEGER PRIMARY KEY,
    token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    csrf         TEXT NOT NULL CHECK (length(csrf) = 64),
    address      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ended_at     TEXT
) STRICT;
CREATE INDEX logins_user ON logins (user_id);

-- Failed logins by the name tried: five within 15 minutes lock the name.
CREATE TABLE login_failures (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL COLLATE NOCASE,
    address TEXT NOT NULL,
    at      TEXT NOT NULL
) STRICT;
CREATE INDEX login_failures_name ON login_failures (name, at);
