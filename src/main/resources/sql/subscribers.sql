-- Subscribers: the list, its statuses and the changes readers and editors make.

-- name: find-by-key
-- One subscriber by lower-cased email.
SELECT id, email, name, topics, status, created_at, confirmed_at, unsubscribed_at, bounced_at
  FROM subscribers WHERE email_key = ?;

-- name: find-by-id
-- One subscriber by id (signed links carry the id).
SELECT id, email, name, topics, status, created_at, confirmed_at, unsubscribed_at, bounced_at
  FROM subscribers WHERE id = ?;

-- name: insert
-- A new subscriber; the time of their status is set when they arrive active, unsubscribed or bounced.
INSERT INTO subscribers (email, email_key, name, topics, status, source, created_at, updated_at, confirmed_at,
                         unsubscribed_at, bounced_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: update-profile
-- Name and topics, as the reader or an import sets them.
UPDATE subscribers SET name = ?, topics = ?, updated_at = ? WHERE id = ?;

-- name: activate
-- Double opt-in completed (or an editor confirmed the address).
UPDATE subscribers SET status = 'active', confirmed_at = ?, unsubscribed_at = NULL, bounced_at = NULL, updated_at = ?
 WHERE id = ?;

-- name: make-pending
-- A returning reader asks again; they must confirm before mail flows.
UPDATE subscribers SET status = 'pending', updated_at = ? WHERE id = ?;

-- name: unsubscribe
-- The reader left; idempotent (keeps the first unsubscribe time).
UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = COALESCE(unsubscribed_at, ?), updated_at = ?
 WHERE id = ? AND status <> 'unsubscribed';

-- name: mark-bounced
-- The address keeps failing permanently; stop mailing it.
UPDATE subscribers SET status = 'bounced', bounced_at = ?, updated_at = ? WHERE id = ? AND status = 'active';

-- name: delete-by-key
-- Forget a subscriber entirely (their delivery rows go with them).
DELETE FROM subscribers WHERE email_key = ?;

-- name: page-by-status
-- A keyset page of subscribers with one status, in id order.
SELECT id, email, name, topics, status, created_at, confirmed_at, unsubscribed_at, bounced_at
  FROM subscribers WHERE status = ? AND id > ? ORDER BY id LIMIT ?;

-- name: page-all
-- A keyset page of all subscribers, in id order.
SELECT id, email, name, topics, status, created_at, confirmed_at, unsubscribed_at, bounced_at
  FROM subscribers WHERE id > ? ORDER BY id LIMIT ?;

-- name: count-by-status
-- How many subscribers are in each status.
SELECT status, COUNT(*) FROM subscribers GROUP BY status;

