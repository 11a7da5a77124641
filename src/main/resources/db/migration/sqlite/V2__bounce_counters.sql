-- Counters of permanent (hard) and temporary (soft) delivery failures per subscriber; a success
-- resets them, and DIGEST_BOUNCE_LIMIT hard failures in a row make the subscriber 'bounced'.
ALTER TABLE subscribers ADD COLUMN hard_bounces INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscribers ADD COLUMN soft_bounces INTEGER NOT NULL DEFAULT 0;
