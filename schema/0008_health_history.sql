-- Schema v8: a dated health history per client (SPEC 2), read at session
-- entry by the contraindication checks (SPEC 3).
--
-- Never edited in place: a new dated entry supersedes, question by
-- question; every entry is kept. Each answer is yes (1), no (0) or not asked
-- (NULL). A detail (the pregnancy's week, the limbs with reduced sensation,
-- the surgery's date and regions, the skin's regions) is given only with a
-- yes. Regions are "region:side" words separated by spaces ("calf:left
-- foot:both"); "none" is a question asked with nothing to name (areas to
-- avoid), NULL one not asked.
CREATE TABLE health_history (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER NOT NULL REFERENCES clients (id),
    recorded_at         TEXT NOT NULL CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    recorded_by         TEXT NOT NULL CHECK (length(recorded_by) >= 1),
    anticoagulant       INTEGER CHECK (anticoagulant IN (0, 1)),
    clot                INTEGER CHECK (clot IN (0, 1)),
    pregnant            INTEGER CHECK (pregnant IN (0, 1)),
    pregnancy_week      INTEGER CHECK (pregnancy_week BETWEEN 1 AND 45),
    diabetes            INTEGER CHECK (diabetes IN (0, 1)),
    reduced_sensation   INTEGER CHECK (reduced_sensation IN (0, 1)),
    sensation_regions   TEXT,
    recent_surgery      INTEGER CHECK (recent_surgery IN (0, 1)),
    surgery_date        TEXT CHECK (surgery_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    surgery_regions     TEXT,
    osteoporosis        INTEGER CHECK (osteoporosis IN (0, 1)),
    high_blood_pressure INTEGER CHECK (high_blood_pressure IN (0, 1)),
    pacemaker           INTEGER CHECK (pacemaker IN (0, 1)),
    cancer_treatment    INTEGER CHECK (cancer_treatment IN (0, 1)),
    lymphoedema         INTEGER CHECK (lymphoedema IN (0, 1)),
    skin_condition      INTEGER CHECK (skin_condition IN (0, 1)),
    skin_regions        TEXT,
    avoid_regions       TEXT,
    preferred_pressure  INTEGER CHECK (preferred_pressure BETWEEN 1 AND 5),
    notes               TEXT,
    CHECK (pregnancy_week IS NULL OR pregnant = 1),
    CHECK (sensation_regions IS NULL OR reduced_sensation = 1),
    CHECK ((surgery_date IS NULL AND surgery_regions IS NULL) OR recent_surgery = 1),
    CHECK (skin_regions IS NULL OR skin_condition = 1)
) STRICT;
CREATE INDEX health_history_client ON health_history (client_id, recorded_at, id);
CREATE TRIGGER health_history_no_update BEFORE UPDATE ON health_history
BEGIN SELECT RAISE(ABORT, 'a health history entry is never edited: add a new one'); END;
CREATE TRIGGER health_history_no_delete BEFORE DELETE ON health_history
BEGIN SELECT RAISE(ABORT, 'health history entries are never deleted'); END;
