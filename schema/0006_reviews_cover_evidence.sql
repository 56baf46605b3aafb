-- Schema v6: a review covers the evidence it saw (SPEC 2).
--
-- The rules learn when each report was entered (created_at) beside when it
-- was told (reported_at): a report told before a review but entered after
-- it was not seen by the reviewer. The covering index that the whole
-- clinic's flags read gains the column.
DROP INDEX reports_client;
CREATE INDEX reports_client ON reports (client_id, session_id, region_id, side, onset_at,
    reported_at, kind, severity, frequency, still_present, resolved_at, weakness,
    loss_of_control, pain, fatigue, vision_changes, numbness, stiffness, created_at);

-- A new review action, 'cleared': a physician (or the owner, on their word)
-- cleared the client to be worked on the area again. A CHECK cannot be
-- altered, so the table is rebuilt with the same rows and ids (their row
-- digests are unchanged). A clearance always says on whose word.
CREATE TABLE flag_reviews_v6 (
    id           INTEGER PRIMARY KEY,
    rule         TEXT NOT NULL CHECK (length(rule) BETWEEN 1 AND 50),
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    evidence_key TEXT NOT NULL CHECK (length(evidence_key) >= 1),
    reviewed_at  TEXT NOT NULL CHECK (reviewed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    reviewed_by  TEXT NOT NULL CHECK (length(reviewed_by) >= 1),
    action       TEXT NOT NULL CHECK ((action = 'acknowledged' OR action = 'referred' OR action = 'cleared' OR action = 'dismissed')),
    note         TEXT,
    CHECK (action <> 'cleared' OR length(trim(note)) >= 1)
) STRICT;
INSERT INTO flag_reviews_v6 (id, rule, client_id, evidence_key, reviewed_at, reviewed_by, action, note)
    SELECT id, rule, client_id, evidence_key, reviewed_at, reviewed_by, action, note FROM flag_reviews;
DROP TABLE flag_reviews;
ALTER TABLE flag_reviews_v6 RENAME TO flag_reviews;
CREATE INDEX flag_reviews_client ON flag_reviews (client_id, rule, evidence_key);
CREATE TRIGGER flag_reviews_no_delete BEFORE DELETE ON flag_reviews
BEGIN SELECT RAISE(ABORT, 'flag reviews are never deleted'); END;
