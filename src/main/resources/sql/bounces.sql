-- Bounces and complaints: recording them, counting them per subscriber, and listing them per issue.

-- name: insert-bounce
-- One bounce; a report already recorded (same report_id) inserts nothing.
INSERT INTO bounces (subscriber_id, issue_number, kind, status, diagnostic, recipient, source, report_id, received_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (report_id) DO NOTHING;

-- name: recent-outcomes
-- A subscriber's latest sent or refused issues, newest first, with the worst bounce of each (2 hard, 1 soft, 0 none;
-- a complaint is no bounce: that issue was delivered).
SELECT d.issue_number,
       COALESCE((SELECT MAX(CASE WHEN b.kind = 'hard' THEN 2 WHEN b.kind = 'soft' THEN 1 ELSE 0 END) FROM bounces b
                  WHERE b.subscriber_id = d.subscriber_id AND b.issue_number = d.issue_number), 0)
  FROM deliveries d
 WHERE d.subscriber_id = ? AND d.status IN ('sent', 'failed')
 ORDER BY d.issue_number DESC LIMIT ?;

-- name: delivery-message-id
-- The Message-ID a delivery went out with, to match a bounce that quotes it.
SELECT message_id FROM deliveries WHERE issue_number = ? AND subscriber_id = ?;

-- name: bounces-of-issue
-- The bounces of one issue, newest first, with the subscriber's address and current status.
SELECT b.kind, b.status, b.diagnostic, s.email, s.status, b.source, b.received_at, b.issue_number
  FROM bounces b JOIN subscribers s ON s.id = b.subscriber_id
 WHERE b.issue_number = ?
 ORDER BY b.received_at DESC, b.id DESC LIMIT ?;

-- name: count-bounces-of-issue
-- Bounces of one issue by kind.
SELECT kind, COUNT(*) FROM bounces WHERE issue_number = ? GROUP BY kind;

-- name: bounces-of-subscriber
-- One reader's bounces and complaints, newest first, for `subscribers show`.
SELECT b.kind, b.status, b.diagnostic, s.email, s.status, b.source, b.received_at, b.issue_number
  FROM bounces b JOIN subscribers s ON s.id = b.subscriber_id
 WHERE b.subscriber_id = ?
 ORDER BY b.received_at DESC, b.id DESC LIMIT ?;
