-- Schema v2: each report carries its session's client, so one client's
-- reactions (and the whole clinic's, client by client) are read in index
-- order without sorting. A trigger keeps it equal to the session's client.

ALTER TABLE reports ADD COLUMN client_id INTEGER REFERENCES clients (id);

UPDATE reports SET client_id = (SELECT s.client_id FROM sessions s WHERE s.id = reports.session_id);

-- Covers every column the rules read, so the flags read the index alone.
CREATE INDEX reports_client ON reports (client_id, session_id, region_id, side, onset_at,
    reported_at, kind, severity, frequency, still_present, resolved_at, weakness,
    loss_of_control, pain, fatigue, vision_changes, numbness, stiffness);

CREATE TRIGGER reports_client_matches BEFORE INSERT ON reports
WHEN NEW.client_id IS NOT (SELECT s.client_id FROM sessions s WHERE s.id = NEW.session_id)
BEGIN SELECT RAISE(ABORT, 'a report''s client_id must be its session''s client'); END;

CREATE TRIGGER reports_client_fixed BEFORE UPDATE OF client_id, session_id ON reports
BEGIN SELECT RAISE(ABORT, 'a report''s session and client do not change'); END;
