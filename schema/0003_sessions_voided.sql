-- Schema v3: the voided sessions (few) in an index of their own, so that
-- the whole clinic's flags learn which sessions to leave out without reading
-- the sessions table; they take each client's sessions from sessions_client.

CREATE INDEX sessions_voided ON sessions (id) WHERE voided_at IS NOT NULL;
