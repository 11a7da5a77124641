-- Bounces: what came back for a delivery (a delivery-status report or a plain-text bounce read
-- from the bounce mailbox, or a permanent refusal while sending). Several in a row mark the
-- subscriber 'bounced'; a later issue delivered without one starts the count again.

CREATE TABLE bounces (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    subscriber_id BIGINT  NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    issue_number  INTEGER NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('hard', 'soft')), -- 5.x.x is hard, 4.x.x soft
    status        TEXT,                                             -- enhanced status code (RFC 3463), e.g. 5.1.1
    diagnostic    TEXT,                                             -- the remote server's words, shortened
    recipient     TEXT,                                             -- the address that failed, as the report names it
    source        TEXT    NOT NULL,                                 -- dsn (RFC 3464), text (non-standard bounce), smtp (refused while sending)
    report_id     TEXT    NOT NULL UNIQUE,                          -- the report's Message-ID or digest: one report counts once
    received_at   BIGINT  NOT NULL
);
CREATE INDEX bounces_by_subscriber ON bounces (subscriber_id, issue_number);
CREATE INDEX bounces_by_issue ON bounces (issue_number, kind);
