-- Schema v4: tamper evidence for the clinical rows. Each audit row of a
-- change to a row of therapists, clients, sessions (with its
-- session_regions), reports, followups or flag_reviews holds the row's
-- SHA-256 as written; imports hold digests over the rows they wrote (see
-- lib/massagelog/row_digests.cpp). Nothing in the tables changes: this
-- migration's own audit row holds the digests of every row already there,
-- computed by massagelog as it runs it, and 'db check' recomputes them all.
SELECT 1;
