-- Membership: joining and leaving, and the per-address limit on the mail a request may cause.

-- name: request-mail-state
-- The request mails an address (its key) has had in its current run.
SELECT sent_count, last_sent_at FROM request_mail WHERE address_key = ?;

-- name: first-request-mail
-- Records the first request mail to an address; inserts nothing if another instance got there first.
INSERT INTO request_mail (address_key, sent_count, last_sent_at) VALUES (?, 1, ?)
    ON CONFLICT (address_key) DO NOTHING;

-- name: next-request-mail
-- Records one more request mail, if the state is still the one read (compare-and-set).
UPDATE request_mail SET sent_count = ?, last_sent_at = ?
 WHERE address_key = ? AND sent_count = ? AND last_sent_at = ?;

-- name: undo-first-request-mail
-- Forgets a first request mail that could not be sent.
DELETE FROM request_mail WHERE address_key = ? AND sent_count = 1 AND last_sent_at = ?;
