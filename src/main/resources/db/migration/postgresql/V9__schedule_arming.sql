-- Issue 14: when the schedule (DIGEST_CRON in DIGEST_TIMEZONE) was first armed in this database.
-- Catch-up only sends for fire times after it, so a new installation never sends for a time before
-- it existed. armed_at is epoch milliseconds; a changed schedule is armed afresh. An installation
-- that already has issues counts as armed since its first issue (schedule NULL: not yet known).
CREATE TABLE schedule_arming (
    name      TEXT   PRIMARY KEY,
    schedule  TEXT,
    armed_at  BIGINT NOT NULL
);

INSERT INTO schedule_arming (name, schedule, armed_at)
SELECT 'digest', NULL, created_at FROM issues ORDER BY created_at LIMIT 1;
