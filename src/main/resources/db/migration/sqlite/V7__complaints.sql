-- Complaints (ARF feedback reports) are recorded with the bounces: kind may now be 'complaint'.
-- SQLite cannot change a CHECK constraint, so the table is rebuilt with the same columns.

CREATE TABLE bounces_v7 (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    subscriber_id BIGINT  NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    issue_number  INTEGER NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('hard', 'soft', 'complaint')),
    status        TEXT,                                             -- enhanced status code (RFC 3463), e.g. 5.1.1
    diagnostic    TEXT,                                             -- the remote server's words, or the complaint's reason
    recipient     TEXT,                                             -- the address that failed, as the report names it
    source        TEXT    NOT NULL,                                 -- dsn, text, arf (feedback report) or smtp (refused while sending)
    report_id     TEXT    NOT NULL UNIQUE,                          -- the report's Message-ID or digest: one report counts once
    received_at   BIGINT  NOT NULL
);
INSERT INTO bounces_v7 (id, subscriber_id, issue_number, kind, status, diagnostic, recipient, source, report_id, received_at)
SELECT id, subscriber_id, issue_number, kind, status, diagnostic, recipient, source, report_id, received_at FROM bounces;
DROP TABLE bounces;
ALTER TABLE bounces_v7 RENAME TO bounces;
CREATE INDEX bounces_by_subscriber ON bounces (subscriber_id, issue_number);
CREATE INDEX bounces_by_issue ON bounces (issue_number, kind);
