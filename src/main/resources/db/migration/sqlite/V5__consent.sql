-- Issue 10: consent that holds. A subscriber may now be 'complained' (a spam report), a pending
-- subscribe request is kept apart from the reader's profile (applied only when they confirm it,
-- with the nonce its confirmation link is bound to), every status change is kept in
-- subscriber_history, and removed addresses stay on a suppression list as a keyed hash.
--
-- SQLite cannot change a CHECK constraint in place, so the subscribers table is rebuilt. Foreign
-- keys are off while it is (deliveries, bounces and history point at subscribers, and dropping the
-- old table must not cascade), which SQLite allows only outside a transaction: this script runs
-- without Flyway's transaction (see V5__consent.sql.conf) and opens its own (a savepoint).
PRAGMA foreign_keys = OFF;

SAVEPOINT consent_v5;

CREATE TABLE subscribers_v5 (
    id                INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: signed links name this id
    email             TEXT    NOT NULL,
    email_key         TEXT    NOT NULL UNIQUE,
    name              TEXT,
    topics            TEXT    NOT NULL DEFAULT '',
    status            TEXT    NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced', 'complained')),
    source            TEXT    NOT NULL,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    confirmed_at      BIGINT,
    unsubscribed_at   BIGINT,                            -- also the time of a complaint
    bounced_at        BIGINT,
    request_mailed_at BIGINT,
    request_nonce     TEXT,                              -- the open (or last confirmed) subscribe request; NULL after an opt-out
    request_at        BIGINT,
    request_name      TEXT,                              -- what the request asked for, applied on confirmation
    request_topics    TEXT,                              -- NULL: the request did not say (an email command)
    request_source    TEXT
);

INSERT INTO subscribers_v5 (id, email, email_key, name, topics, status, source, created_at, updated_at, confirmed_at,
                            unsubscribed_at, bounced_at, request_mailed_at)
SELECT id, email, email_key, name, topics, status, source, created_at, updated_at, confirmed_at,
       unsubscribed_at, bounced_at, request_mailed_at
  FROM subscribers;

-- Keep the id sequence: ids of deleted subscribers must never come back.
INSERT INTO sqlite_sequence (name, seq)
SELECT 'subscribers_v5', seq FROM sqlite_sequence
 WHERE name = 'subscribers' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'subscribers_v5');
UPDATE sqlite_sequence SET seq = (SELECT MAX(seq) FROM sqlite_sequence WHERE name IN ('subscribers', 'subscribers_v5'))
 WHERE name = 'subscribers_v5';

DROP TABLE subscribers;
ALTER TABLE subscribers_v5 RENAME TO subscribers;
CREATE INDEX subscribers_by_status ON subscribers (status, id);

CREATE TABLE subscriber_history (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    subscriber_id BIGINT  NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    at            BIGINT  NOT NULL,
    from_status   TEXT,                                 -- NULL: the subscriber was created
    to_status     TEXT    NOT NULL,
    source        TEXT    NOT NULL,                     -- web, email, import, cli, bounce, complaint
    detail        TEXT
);
CREATE INDEX subscriber_history_by_subscriber ON subscriber_history (subscriber_id, id);

-- What was known before the history began.
INSERT INTO subscriber_history (subscriber_id, at, from_status, to_status, source, detail)
SELECT id, updated_at, NULL, status, source, 'status when the history began'
  FROM subscribers;

CREATE TABLE suppressions (
    address_hash  TEXT    PRIMARY KEY,                  -- HMAC-SHA256 (DIGEST_SECRET) of the lower-cased address
    reason        TEXT    NOT NULL,
    suppressed_at BIGINT  NOT NULL
);

RELEASE consent_v5;

PRAGMA foreign_keys = ON;
