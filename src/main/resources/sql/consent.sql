-- Consent: the only statements that write a subscriber's status, with its history and the suppression list.

-- name: insert
-- A new subscriber in the status their first event gives them, with the times of that status.
INSERT INTO subscribers (email, email_key, name, topics, status, source, created_at, updated_at, confirmed_at,
                         unsubscribed_at, bounced_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: set-status
-- Moves a subscriber from one status to another (compare-and-set on the old one) with the times of the new one.
UPDATE subscribers SET status = ?, confirmed_at = ?, unsubscribed_at = ?, bounced_at = ?, updated_at = ?
 WHERE id = ? AND status = ?;

-- name: confirm-request
-- Activates a subscriber only while the request being confirmed is still the open one (an opt-out in between cancels it).
UPDATE subscribers SET status = 'active', confirmed_at = ?, updated_at = ?
 WHERE id = ? AND status = ? AND request_nonce = ?;

-- name: find-request
-- The open (or last confirmed) subscribe request of a subscriber.
SELECT request_nonce, request_at, request_name, request_topics, request_source FROM subscribers WHERE id = ?;

-- name: record-request
-- A new subscribe request, with what it asks for; replaces any earlier one (whose link stops working).
UPDATE subscribers SET request_nonce = ?, request_at = ?, request_name = ?, request_topics = ?, request_source = ?,
       updated_at = ?
 WHERE id = ?;

-- name: cancel-request
-- An opt-out cancels any open request: a link mailed before it confirms nothing.
UPDATE subscribers SET request_nonce = NULL, request_at = NULL, request_name = NULL, request_topics = NULL,
       request_source = NULL
 WHERE id = ?;

-- name: add-history
-- One change of status (or one event that changed none), who or what caused it, and when.
INSERT INTO subscriber_history (subscriber_id, at, from_status, to_status, source, detail) VALUES (?, ?, ?, ?, ?, ?);

-- name: history-of
-- A subscriber's history, oldest first.
SELECT at, from_status, to_status, source, detail FROM subscriber_history WHERE subscriber_id = ? ORDER BY id;

-- name: delete-subscriber
-- Erases a subscriber's personal data: the row, and with it their history, deliveries and bounces.
DELETE FROM subscribers WHERE id = ?;

-- name: suppress
-- Keeps a removed address out of imports and adds; the first entry's reason and date stay.
INSERT INTO suppressions (address_hash, reason, suppressed_at) VALUES (?, ?, ?) ON CONFLICT (address_hash) DO NOTHING;

-- name: find-suppression
-- The suppression entry of an address (by its keyed hash), if any.
SELECT reason, suppressed_at FROM suppressions WHERE address_hash = ?;

-- name: unsuppress
-- Forgets a suppression entry (a fresh double opt-in, or the GDPR erasure of remove --forget).
DELETE FROM suppressions WHERE address_hash = ?;

-- name: count-suppressions
-- How many addresses are suppressed (without DIGEST_SECRET the list can only be read when it is empty).
SELECT COUNT(*) FROM suppressions;
