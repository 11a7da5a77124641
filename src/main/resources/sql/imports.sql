-- Imports in progress: which addresses each has accepted, so duplicates within a file are found
-- through the database (see V8__import_ledger.sql).

-- name: forget-stale-seen
-- The accepted addresses of imports that started long ago (a crashed import never cleared them).
DELETE FROM import_seen WHERE run IN (SELECT id FROM import_runs WHERE started_at < ?);

-- name: forget-stale-runs
-- Imports that started long ago.
DELETE FROM import_runs WHERE started_at < ?;

-- name: open-run
-- An import starts.
INSERT INTO import_runs (id, started_at) VALUES (?, ?);

-- name: claim
-- An accepted row's address; inserts nothing when an earlier row of the same import has it.
INSERT INTO import_seen (run, email_key, line) VALUES (?, ?, ?) ON CONFLICT DO NOTHING;

-- name: claimed-line
-- The line of the earlier row that has an address.
SELECT line FROM import_seen WHERE run = ? AND email_key = ?;

-- name: close-seen
-- An import is over: its accepted addresses are forgotten.
DELETE FROM import_seen WHERE run = ?;

-- name: close-run
-- An import is over.
DELETE FROM import_runs WHERE id = ?;
