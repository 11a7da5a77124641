-- Membership: joining and leaving, and the per-address limit on the mail a request may cause.

-- name: claim-request-mail
-- Takes the address's mail slot if the last request mail is older than the window (compare-and-set).
UPDATE subscribers SET request_mailed_at = ?
 WHERE id = ? AND (request_mailed_at IS NULL OR request_mailed_at <= ?);

-- name: release-request-mail
-- Gives the slot back after a mail could not be sent, so the reader can try again at once.
UPDATE subscribers SET request_mailed_at = NULL WHERE id = ? AND request_mailed_at = ?;
