-- Issue 4: when the list last mailed an address in answer to a subscribe request (web form or
-- email command). Epoch milliseconds; NULL when never. The per-address limit (at most one such
-- mail per address per 10 minutes) is a compare-and-set on this column, so it holds across
-- several instances sharing one database.
ALTER TABLE subscribers ADD COLUMN request_mailed_at BIGINT;
