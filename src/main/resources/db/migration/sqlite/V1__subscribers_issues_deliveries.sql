-- Subscribers, issues and the outbox (one delivery row per issue and subscriber).
-- Times are epoch milliseconds (UTC) so the same statements run on SQLite and PostgreSQL.

CREATE TABLE subscribers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: signed links name this id
    email           TEXT    NOT NULL,
    email_key       TEXT    NOT NULL UNIQUE,           -- lower-cased email, for case-insensitive uniqueness
    name            TEXT,
    topics          TEXT    NOT NULL DEFAULT '',       -- comma-separated tags
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced')),
    source          TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    confirmed_at    BIGINT,
    unsubscribed_at BIGINT,
    bounced_at      BIGINT
);
CREATE INDEX subscribers_by_status ON subscribers (status, id);

CREATE TABLE issues (
    number           INTEGER PRIMARY KEY,
    kind             TEXT    NOT NULL CHECK (kind IN ('scheduled', 'manual')),
    status           TEXT    NOT NULL CHECK (status IN ('planning', 'sending', 'done')),
    scheduled_for    BIGINT UNIQUE,                    -- the fire time of a scheduled issue
    papers_per_issue INTEGER NOT NULL,
    planned_through  BIGINT  NOT NULL DEFAULT 0,       -- planning checkpoint: highest subscriber id planned
    created_at       BIGINT  NOT NULL,
    planned_at       BIGINT,
    finished_at      BIGINT
);

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    issue_number    INTEGER NOT NULL REFERENCES issues (number),
    subscriber_id   INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    papers          TEXT    NOT NULL,                  -- comma-separated paper ids, in the order sent
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'retry', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    claimed_by      TEXT,
    claimed_until   BIGINT,
    last_error      TEXT,
    message_id      TEXT,
    sent_at         BIGINT,
    updated_at      BIGINT  NOT NULL,
    UNIQUE (issue_number, subscriber_id)
);
CREATE INDEX deliveries_queue ON deliveries (issue_number, status, id);
CREATE INDEX deliveries_history ON deliveries (subscriber_id, status);
