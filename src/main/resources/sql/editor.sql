-- The editor's mail after each issue (DIGEST_EDITOR_EMAIL).

-- name: claim-editor-report
-- Takes the right to tell the editor about an issue; a second claim inserts nothing.
INSERT INTO editor_reports (issue_number, sent_at) VALUES (?, ?)
ON CONFLICT (issue_number) DO NOTHING;
