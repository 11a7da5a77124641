-- The catalog lives in the database (issue 15): every instance sees the same papers, and papers
-- can be added, published, rejected and edited without a restart. Times are epoch milliseconds.

CREATE TABLE papers (
    id             TEXT    PRIMARY KEY,                -- slug; delivery rows name papers by it
    title          TEXT    NOT NULL,
    title_key      TEXT    NOT NULL,                   -- normalised title, for duplicate detection
    authors        TEXT    NOT NULL,                   -- one name per line
    year           INTEGER NOT NULL,
    venue          TEXT    NOT NULL,
    arxiv_url      TEXT,
    arxiv_id       TEXT,                               -- without version, for duplicate detection
    doi            TEXT,                               -- lower-cased
    code_url       TEXT,
    tags           TEXT    NOT NULL DEFAULT '',        -- comma-separated
    summary        TEXT,                               -- ours; null until an editor writes one
    why_it_matters TEXT,
    rank           INTEGER NOT NULL,                   -- editorial order of the archive
    abstract       TEXT,
    published      TEXT,                               -- ISO date the paper appeared
    source         TEXT    NOT NULL,                   -- bundled, file, arxiv, doi, bibtex, csl-json, feed URL...
    status         TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'rejected')),
    added_at       BIGINT  NOT NULL,                   -- entered the catalog
    published_at   BIGINT,                             -- published into the catalog: "new" is measured from here
    updated_at     BIGINT  NOT NULL
);
CREATE INDEX papers_by_status ON papers (status, published_at);
CREATE INDEX papers_by_arxiv_id ON papers (arxiv_id);
CREATE INDEX papers_by_doi ON papers (doi);
CREATE INDEX papers_by_title_key ON papers (title_key);

-- The catalog's own settings (its title).
CREATE TABLE catalog_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Feeds of DIGEST_SOURCES: what the last fetch said, for conditional GET and the log.
CREATE TABLE catalog_sources (
    url           TEXT   PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    checked_at    BIGINT NOT NULL,
    outcome       TEXT   NOT NULL
);

-- How many of a delivery's papers (the first ones) were new to the catalog since the reader's
-- previous issue: the digest shows them under "New this week". Older rows: 0, all from the archive.
ALTER TABLE deliveries ADD COLUMN new_papers INTEGER NOT NULL DEFAULT 0;

-- Issues the editor was told about (DIGEST_EDITOR_EMAIL): one mail per issue, however many
-- instances see it finish.
CREATE TABLE editor_reports (
    issue_number INTEGER PRIMARY KEY,
    sent_at      BIGINT  NOT NULL
);
