-- Issue 11: the request mails (confirmation or "already subscribed") each address has had, keyed
-- on the address with any +tag removed and case folded, so victim+1@ and Victim+2@ count as one.
-- sent_count mails in the current run, the last at last_sent_at (epoch milliseconds); the next
-- one waits 10 minutes, 1 hour, then 24 hours. Changed only by compare-and-set, so the limit
-- holds across several instances sharing one database.
CREATE TABLE request_mail (
    address_key  VARCHAR(320) PRIMARY KEY,
    sent_count   INTEGER NOT NULL,
    last_sent_at BIGINT NOT NULL
);
