-- The "View in browser" page: what one reader got in one issue.

-- name: sent-papers
-- The papers of one delivered message, in the order sent.
SELECT papers, new_papers FROM deliveries WHERE issue_number = ? AND subscriber_id = ? AND status = 'sent';
