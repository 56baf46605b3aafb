-- Schema v1: the clinic's records. Instants are UTC text YYYY-MM-DDTHH:MM:SSZ.
-- Checks of three or more names are written with OR, not IN (...): SQLite
-- builds a temporary table for such an IN list on every row written.
-- Clinical rows are never deleted (triggers below refuse it); they are
-- archived or voided instead. Symptoms are tri-state: 1 yes, 0 no, NULL not
-- recorded.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
    value TEXT NOT NULL
) STRICT;

CREATE TABLE therapists (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    licence    TEXT CHECK (licence IS NULL OR length(licence) BETWEEN 1 AND 100),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z')
) STRICT;

CREATE TABLE clients (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    phone       TEXT CHECK (phone IS NULL OR length(phone) BETWEEN 1 AND 50),
    email       TEXT CHECK (email IS NULL OR (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%')),
    birth_date  TEXT CHECK (birth_date IS NULL OR birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    notes       TEXT,
    created_at  TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    archived_at TEXT CHECK (archived_at IS NULL OR archived_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z')
) STRICT;
CREATE INDEX clients_name ON clients (name COLLATE NOCASE);

CREATE TABLE techniques (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 50 AND name NOT GLOB '*[^a-z0-9-]*'),
    deep INTEGER NOT NULL DEFAULT 0 CHECK (deep IN (0, 1))
) STRICT;

INSERT INTO techniques (name, deep) VALUES
    ('swedish', 0), ('deep-tissue', 1), ('trigger-point', 1), ('myofascial', 0),
    ('neuromuscular', 1), ('sports', 1), ('reciprocal-inhibition', 0), ('hot-stone', 0),
    ('lymphatic-drainage', 0), ('prenatal', 0), ('shiatsu', 0), ('thai', 0),
    ('reflexology', 0), ('other', 0);

-- paired: the body has a left and a right one, so a side defaults to 'both';
-- an unpaired region defaults to 'midline'.
CREATE TABLE regions (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    body_group TEXT NOT NULL CHECK ((body_group = 'head-neck' OR body_group = 'upper-limb' OR body_group = 'trunk' OR body_group = 'lower-limb')),
    nerve_risk INTEGER NOT NULL DEFAULT 0 CHECK (nerve_risk IN (0, 1)),
    visceral   INTEGER NOT NULL DEFAULT 0 CHECK (visceral IN (0, 1)),
    paired     INTEGER NOT NULL DEFAULT 0 CHECK (paired IN (0, 1))
) STRICT;

INSERT INTO regions (name, body_group, nerve_risk, visceral, paired) VALUES
    ('head', 'head-neck', 0, 0, 0), ('face', 'head-neck', 0, 0, 0), ('neck', 'head-neck', 1, 0, 0),
    ('shoulder', 'upper-limb', 1, 0, 1), ('upper-arm', 'upper-limb', 1, 0, 1),
    ('forearm', 'upper-limb', 0, 0, 1), ('hand', 'upper-limb', 0, 0, 1),
    ('chest', 'trunk', 0, 1, 0), ('abdomen', 'trunk', 0, 1, 0), ('upper-back', 'trunk', 0, 0, 0),
    ('lower-back', 'trunk', 0, 0, 0), ('glutes', 'trunk', 0, 0, 1), ('hip', 'lower-limb', 0, 0, 1),
    ('thigh-front', 'lower-limb', 0, 0, 1), ('thigh-back', 'lower-limb', 0, 0, 1),
    ('calf', 'lower-limb', 0, 0, 1), ('shin', 'lower-limb', 0, 0, 1), ('foot', 'lower-limb', 0, 0, 1);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    therapist_id INTEGER NOT NULL REFERENCES therapists (id),
    started_at   TEXT NOT NULL CHECK (started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 5 AND 480),
    technique_id INTEGER NOT NULL REFERENCES techniques (id),
    pressure     INTEGER NOT NULL CHECK (pressure BETWEEN 1 AND 5),
    notes        TEXT,
    created_by   TEXT NOT NULL CHECK (length(created_by) >= 1),
    created_at   TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    voided_at    TEXT CHECK (voided_at IS NULL OR voided_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    void_reason  TEXT,
    CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
    CHECK (void_reason IS NULL OR length(void_reason) >= 1)
) STRICT;
CREATE INDEX sessions_client ON sessions (client_id, started_at);
CREATE INDEX sessions_therapist ON sessions (therapist_id, started_at);
CREATE INDEX sessions_started ON sessions (started_at);

CREATE TABLE session_regions (
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    region_id  INTEGER NOT NULL REFERENCES regions (id),
    side       TEXT NOT NULL CHECK ((side = 'left' OR side = 'right' OR side = 'both' OR side = 'midline')),
    pressure   INTEGER NOT NULL CHECK (pressure BETWEEN 1 AND 5),
    focal      INTEGER NOT NULL DEFAULT 0 CHECK (focal IN (0, 1)),
    PRIMARY KEY (session_id, region_id, side)
) STRICT, WITHOUT ROWID;

CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions (id),
    reported_at     TEXT NOT NULL CHECK (reported_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    onset_at        TEXT NOT NULL CHECK (onset_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    region_id       INTEGER NOT NULL REFERENCES regions (id),
    side            TEXT NOT NULL CHECK ((side = 'left' OR side = 'right' OR side = 'both' OR side = 'midline')),
    kind            TEXT NOT NULL CHECK ((kind = 'twitch' OR kind = 'spasm' OR kind = 'cramp')),
    severity        INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 10),
    frequency       TEXT CHECK (frequency IS NULL OR (frequency = 'occasional' OR frequency = 'frequent' OR frequency = 'constant')),
    still_present   INTEGER CHECK (still_present IS NULL OR still_present IN (0, 1)),
    resolved_at     TEXT CHECK (resolved_at IS NULL OR resolved_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    weakness        INTEGER CHECK (weakness IS NULL OR weakness IN (0, 1)),
    loss_of_control INTEGER CHECK (loss_of_control IS NULL OR loss_of_control IN (0, 1)),
    pain            INTEGER CHECK (pain IS NULL OR pain IN (0, 1)),
    fatigue         INTEGER CHECK (fatigue IS NULL OR fatigue IN (0, 1)),
    vision_changes  INTEGER CHECK (vision_changes IS NULL OR vision_changes IN (0, 1)),
    numbness        INTEGER CHECK (numbness IS NULL OR numbness IN (0, 1)),
    stiffness       INTEGER CHECK (stiffness IS NULL OR stiffness IN (0, 1)),
    source          TEXT NOT NULL CHECK ((source = 'phone' OR source = 'in-person' OR source = 'form' OR source = 'other')),
    notes           TEXT,
    created_by      TEXT NOT NULL CHECK (length(created_by) >= 1),
    created_at      TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    CHECK (onset_at <= reported_at),
    CHECK (resolved_at IS NULL OR resolved_at >= onset_at),
    CHECK (NOT (still_present = 1 AND resolved_at IS NOT NULL))
) STRICT;
CREATE INDEX reports_session ON reports (session_id, region_id, side, onset_at);

CREATE TABLE followups (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES sessions (id),
    contacted_at TEXT NOT NULL CHECK (contacted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    contacted_by TEXT NOT NULL CHECK (length(contacted_by) >= 1),
    outcome      TEXT NOT NULL CHECK ((outcome = 'no-reaction' OR outcome = 'reaction-reported' OR outcome = 'no-answer')),
    notes        TEXT
) STRICT;
CREATE INDEX followups_session ON followups (session_id, contacted_at);

CREATE TABLE flag_reviews (
    id           INTEGER PRIMARY KEY,
    rule         TEXT NOT NULL CHECK (length(rule) BETWEEN 1 AND 50),
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    evidence_key TEXT NOT NULL CHECK (length(evidence_key) >= 1),
    reviewed_at  TEXT NOT NULL CHECK (reviewed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    reviewed_by  TEXT NOT NULL CHECK (length(reviewed_by) >= 1),
    action       TEXT NOT NULL CHECK ((action = 'acknowledged' OR action = 'referred' OR action = 'dismissed')),
    note         TEXT
) STRICT;
CREATE INDEX flag_reviews_client ON flag_reviews (client_id, rule, evidence_key);

-- Append-only. row_hash = SHA-256 over prev_hash and the row's fields (see
-- lib/massagelog/audit.cpp), so an edited or removed row breaks the chain.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    actor       TEXT NOT NULL CHECK (length(actor) >= 1),
    os_user     TEXT NOT NULL,
    action      TEXT NOT NULL CHECK ((action = 'create' OR action = 'update' OR action = 'void' OR action = 'archive' OR action = 'review' OR action = 'export' OR action = 'import' OR action = 'backup' OR action = 'restore' OR action = 'migrate')),
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    client_id   INTEGER,
    outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
    detail      TEXT NOT NULL CHECK (substr(detail, 1, 1) = '{'),
    prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
    row_hash    TEXT NOT NULL UNIQUE CHECK (length(row_hash) = 64)
) STRICT;
CREATE INDEX audit_log_client ON audit_log (client_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TRIGGER clients_no_delete BEFORE DELETE ON clients
BEGIN SELECT RAISE(ABORT, 'clients are archived, never deleted'); END;
CREATE TRIGGER therapists_no_delete BEFORE DELETE ON therapists
BEGIN SELECT RAISE(ABORT, 'therapists are deactivated, never deleted'); END;
CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions
BEGIN SELECT RAISE(ABORT, 'sessions are voided, never deleted'); END;
CREATE TRIGGER session_regions_no_delete BEFORE DELETE ON session_regions
BEGIN SELECT RAISE(ABORT, 'session regions are never deleted'); END;
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;
CREATE TRIGGER followups_no_delete BEFORE DELETE ON followups
BEGIN SELECT RAISE(ABORT, 'follow-ups are never deleted'); END;
CREATE TRIGGER flag_reviews_no_delete BEFORE DELETE ON flag_reviews
BEGIN SELECT RAISE(ABORT, 'flag reviews are never deleted'); END;
