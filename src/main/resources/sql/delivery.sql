-- Issues and the outbox: planning, claiming, marking and reporting deliveries.

-- name: latest-issue
-- The newest issue, finished or not.
SELECT number, kind, status, scheduled_for, papers_per_issue, planned_through, created_at, planned_at, finished_at
  FROM issues ORDER BY number DESC LIMIT 1;

-- name: find-issue
-- One issue by number.
SELECT number, kind, status, scheduled_for, papers_per_issue, planned_through, created_at, planned_at, finished_at
  FROM issues WHERE number = ?;

-- name: list-issues
-- Every issue, newest first.
SELECT number, kind, status, scheduled_for, papers_per_issue, planned_through, created_at, planned_at, finished_at
  FROM issues ORDER BY number DESC;

-- name: insert-issue
-- A new issue in planning; nothing is inserted if another process took the number or the fire time.
INSERT INTO issues (number, kind, status, scheduled_for, papers_per_issue, planned_through, created_at)
VALUES (?, ?, 'planning', ?, ?, 0, ?)
ON CONFLICT DO NOTHING;

-- name: planning-page
-- The next keyset page of active subscribers to plan, with their topics.
SELECT id, topics FROM subscribers WHERE status = 'active' AND id > ? ORDER BY id LIMIT ?;

-- name: received-papers
-- Papers already delivered to the subscribers of an id range (history drives the picks).
SELECT subscriber_id, papers FROM deliveries
 WHERE subscriber_id BETWEEN ? AND ? AND status = 'sent';

-- name: last-issue-times
-- When each subscriber of an id range last got an issue (before this one): "new" papers are newer.
SELECT d.subscriber_id, MAX(i.created_at) FROM deliveries d JOIN issues i ON i.number = d.issue_number
 WHERE d.subscriber_id BETWEEN ? AND ? AND d.status = 'sent' AND d.issue_number < ?
 GROUP BY d.subscriber_id;

-- name: insert-delivery
-- One outbox row; planning again after a crash inserts nothing twice.
INSERT INTO deliveries (issue_number, subscriber_id, papers, status, updated_at, new_papers)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (issue_number, subscriber_id) DO NOTHING;

-- name: advance-planning
-- Planning checkpoint, written in the same transaction as the rows it covers.
UPDATE issues SET planned_through = ? WHERE number = ? AND planned_through < ?;

-- name: finish-planning
-- All recipients are planned; the issue is ready to send.
UPDATE issues SET status = 'sending', planned_at = ? WHERE number = ? AND status = 'planning';

-- name: finish-issue
-- Nothing is left to send.
UPDATE issues SET status = 'done', finished_at = ? WHERE number = ? AND status = 'sending';

-- name: reopen-issue
-- Failed deliveries were re-queued; the issue is sending again.
UPDATE issues SET status = 'sending', finished_at = NULL WHERE number = ?;

-- name: claimable-pending
-- Deliveries never tried, oldest first, with their subscriber; ids up to the floor were taken already.
SELECT d.id, d.subscriber_id, d.papers, d.attempts, s.email, s.name, s.topics, s.status, d.new_papers
  FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
 WHERE d.issue_number = ? AND d.status = 'pending' AND d.id > ?
 ORDER BY d.id LIMIT ?;

-- name: claimable-pending@postgresql
-- Deliveries never tried; rows another instance is claiming are skipped, not waited for. The floor
-- keeps the index scan from walking over the dead versions of rows already claimed.
SELECT d.id, d.subscriber_id, d.papers, d.attempts, s.email, s.name, s.topics, s.status, d.new_papers
  FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
 WHERE d.issue_number = ? AND d.status = 'pending' AND d.id > ?
 ORDER BY d.id LIMIT ?
   FOR UPDATE OF d SKIP LOCKED;

-- name: claimable-due
-- Retries whose time has come and claims whose lease ran out (their sender died).
SELECT d.id, d.subscriber_id, d.papers, d.attempts, s.email, s.name, s.topics, s.status, d.new_papers
  FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
 WHERE d.issue_number = ?
   AND ((d.status = 'retry' AND d.next_attempt_at <= ?) OR (d.status = 'sending' AND d.claimed_until < ?))
 ORDER BY d.id LIMIT ?;

-- name: claimable-due@postgresql
-- Retries whose time has come and claims whose lease ran out, skipping rows locked by others.
SELECT d.id, d.subscriber_id, d.papers, d.attempts, s.email, s.name, s.topics, s.status, d.new_papers
  FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
 WHERE d.issue_number = ?
   AND ((d.status = 'retry' AND d.next_attempt_at <= ?) OR (d.status = 'sending' AND d.claimed_until < ?))
 ORDER BY d.id LIMIT ?
   FOR UPDATE OF d SKIP LOCKED;

-- name: claim
-- Takes one row for this sender until the lease ends.
UPDATE deliveries SET status = 'sending', claimed_by = ?, claimed_until = ?, updated_at = ? WHERE id = ?;

-- name: mark-sent
-- The server accepted the message; claimed_by (the sender's claim) stays as the record of who sent it.
UPDATE deliveries
   SET status = 'sent', attempts = attempts + 1, message_id = ?, sent_at = ?, last_error = NULL,
       claimed_until = NULL, next_attempt_at = NULL, updated_at = ?
 WHERE id = ? AND claimed_by = ?;

-- name: mark-retry
-- A temporary failure: try again at the given time. Every mark checks the row is still this sender's claim.
UPDATE deliveries
   SET status = 'retry', attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
       claimed_by = NULL, claimed_until = NULL, updated_at = ?
 WHERE id = ? AND claimed_by = ?;

-- name: mark-failed
-- A permanent failure (or too many temporary ones): not retried.
UPDATE deliveries
   SET status = 'failed', attempts = attempts + 1, last_error = ?,
       claimed_by = NULL, claimed_until = NULL, next_attempt_at = NULL, updated_at = ?
 WHERE id = ? AND claimed_by = ?;

-- name: mark-skipped
-- Not sent on purpose (e.g. the reader left after planning).
UPDATE deliveries
   SET status = 'skipped', last_error = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?
 WHERE id = ? AND claimed_by = ?;

-- name: release
-- Gives a claimed row back untouched (shutdown, or the server was unreachable before it was tried).
UPDATE deliveries SET status = CASE WHEN attempts > 0 THEN 'retry' ELSE 'pending' END,
       next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?
 WHERE id = ? AND status = 'sending' AND claimed_by = ?;

-- name: release-every-claim
-- On SQLite, when no other sender is alive, the claims of every issue were left by a dead process: returned at start.
UPDATE deliveries SET status = CASE WHEN attempts > 0 THEN 'retry' ELSE 'pending' END,
       next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?
 WHERE status = 'sending';

-- name: sent-by
-- Who sent an issue's messages: the claim of each sent row names its sender.
SELECT claimed_by, COUNT(*) FROM deliveries WHERE issue_number = ? AND status = 'sent' GROUP BY claimed_by;

-- name: claims-held
-- Deliveries of an issue that some sender is working on now (its lease has not run out).
SELECT COUNT(*) FROM deliveries WHERE issue_number = ? AND status = 'sending' AND claimed_until >= ?;

-- name: count-open
-- Deliveries of an issue that still need work.
SELECT COUNT(*) FROM deliveries WHERE issue_number = ? AND status IN ('pending', 'sending', 'retry');

-- name: next-due
-- When the next retry or lease expiry of an issue comes due.
SELECT MIN(CASE WHEN status = 'retry' THEN next_attempt_at ELSE claimed_until END)
  FROM deliveries WHERE issue_number = ? AND status IN ('retry', 'sending');

-- name: count-by-status
-- Deliveries of an issue by status.
SELECT status, COUNT(*) FROM deliveries WHERE issue_number = ? GROUP BY status;

-- name: send-times
-- First and last send time of an issue.
SELECT MIN(sent_at), MAX(sent_at) FROM deliveries WHERE issue_number = ? AND status = 'sent';

-- name: top-errors
-- The most common failure reasons of an issue.
SELECT last_error, COUNT(*) AS n FROM deliveries
 WHERE issue_number = ? AND status IN ('failed', 'retry') AND last_error IS NOT NULL
 GROUP BY last_error ORDER BY n DESC LIMIT ?;

-- name: requeue-failed
-- The operator fixed the cause: failed deliveries of an issue go back to the queue.
UPDATE deliveries SET status = 'pending', attempts = 0, last_error = NULL, next_attempt_at = NULL, updated_at = ?
 WHERE issue_number = ? AND status = 'failed';

-- name: delete-empty-issue
-- Drops a planned issue that has nobody to send to (everyone has had every paper).
DELETE FROM issues WHERE number = ?;

-- name: delete-issue-rows
-- The skipped rows of an issue being dropped.
DELETE FROM deliveries WHERE issue_number = ? AND status = 'skipped';

-- name: count-active
-- How many subscribers would be planned.
SELECT COUNT(*) FROM subscribers WHERE status = 'active';

-- name: extend-lease
-- Keeps a claim alive while its sender is still working through it.
UPDATE deliveries SET claimed_until = ? WHERE id = ? AND claimed_by = ? AND status = 'sending';

-- name: issues-since
-- Issues created at or after a time, or scheduled for it or later (a fire time already served).
SELECT COUNT(*) FROM issues WHERE created_at >= ? OR scheduled_for >= ?;

-- name: oldest-unfinished
-- The oldest issue still planning or sending (usually the latest; an older one when its failed deliveries were re-queued).
SELECT number, kind, status, scheduled_for, papers_per_issue, planned_through, created_at, planned_at, finished_at
  FROM issues WHERE status <> 'done' ORDER BY number LIMIT 1;
