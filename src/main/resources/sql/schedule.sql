-- The schedule's arming: since when DIGEST_CRON in DIGEST_TIMEZONE has been armed in this database.

-- name: insert-arming
-- The first arming of the schedule; nothing is inserted if another instance armed it first.
INSERT INTO schedule_arming (name, schedule, armed_at) VALUES (?, ?, ?)
ON CONFLICT DO NOTHING;

-- name: find-arming
-- The armed schedule text (NULL when carried over from before arming was recorded) and since when.
SELECT schedule, armed_at FROM schedule_arming WHERE name = ?;

-- name: rearm
-- A changed schedule is armed afresh (a carried-over one keeps its time and learns its text).
UPDATE schedule_arming SET schedule = ?, armed_at = ? WHERE name = ?;
