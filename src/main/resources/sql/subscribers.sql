-- Subscribers: reading the list and changing profiles. Statuses change only in consent.sql (Consent).

-- name: find-by-key
-- One subscriber by lower-cased email.
SELECT id, email, name, topics, status, created_at, confirmed_at, unsubscribed_at, bounced_at, source
  FROM subscribers WHERE email_key = ?;

-- name: find-by-id
-- One subscriber by id (signed links carry the id).
SELECT id, email, name, topics, status, created_at, confirmed_at, unsubscribed_at, bounced_at, source
  FROM subscribers WHERE id = ?;

-- name: update-profile
-- Name and topics, as the reader or an import sets them.
UPDATE subscribers SET name = ?, topics = ?, updated_at = ? WHERE id = ?;

-- name: page-by-status
-- A keyset page of subscribers with one status, in id order.
SELECT id, email, name, topics, status, created_at, confirmed_at, unsubscribed_at, bounced_at, source
  FROM subscribers WHERE status = ? AND id > ? ORDER BY id LIMIT ?;

-- name: page-all
-- A keyset page of all subscribers, in id order.
SELECT id, email, name, topics, status, created_at, confirmed_at, unsubscribed_at, bounced_at, source
  FROM subscribers WHERE id > ? ORDER BY id LIMIT ?;

-- name: count-by-status
-- How many subscribers are in each status.
SELECT status, COUNT(*) FROM subscribers GROUP BY status;

