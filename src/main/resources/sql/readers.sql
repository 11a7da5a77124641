-- The readers of an issue as the pre-send lint renders them (delivery/IssueReaders).

-- name: active-readers-page
-- The next keyset page of active subscribers, with what their message shows.
SELECT id, email, name, topics FROM subscribers WHERE status = 'active' AND id > ? ORDER BY id LIMIT ?;

-- name: open-deliveries-page
-- The next keyset page of the deliveries of an issue still to send, with their picks and reader.
SELECT s.id, s.email, s.name, s.topics, d.papers, d.new_papers
  FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
 WHERE d.issue_number = ? AND d.status IN ('pending', 'sending', 'retry') AND s.id > ?
 ORDER BY s.id LIMIT ?;
