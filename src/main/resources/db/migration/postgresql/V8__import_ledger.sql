-- Imports in progress (issue 13): the addresses each has accepted and on which line, so a later row
-- for the same address is found a duplicate through the database, not a map of the whole file in
-- memory. Rows live only while their import runs (a dry run rolls them back); a crashed import's
-- rows are cleared by the next import after a day.

CREATE TABLE import_runs (
    id         TEXT   PRIMARY KEY,
    started_at BIGINT NOT NULL
);

CREATE TABLE import_seen (
    run       TEXT   NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    email_key TEXT   NOT NULL,
    line      BIGINT NOT NULL,
    PRIMARY KEY (run, email_key)
);
