-- The catalog: papers, the catalog's title, and the state of feed sources.

-- name: all-papers
-- Every paper, any status (delivery rows may name papers since rejected).
SELECT id, title, authors, year, venue, arxiv_url, code_url, tags, summary, why_it_matters, rank,
       abstract, published, doi, source, status, added_at, published_at
  FROM papers ORDER BY rank, id;

-- name: find-paper
-- One paper by id.
SELECT id, title, authors, year, venue, arxiv_url, code_url, tags, summary, why_it_matters, rank,
       abstract, published, doi, source, status, added_at, published_at
  FROM papers WHERE id = ?;

-- name: papers-by-status
-- Papers of one status, newest first.
SELECT id, title, authors, year, venue, arxiv_url, code_url, tags, summary, why_it_matters, rank,
       abstract, published, doi, source, status, added_at, published_at
  FROM papers WHERE status = ? ORDER BY added_at DESC, id;

-- name: insert-paper
-- A paper new to the catalog; an id already taken inserts nothing.
INSERT INTO papers (id, title, title_key, authors, year, venue, arxiv_url, arxiv_id, doi, code_url, tags, summary,
                    why_it_matters, rank, abstract, published, source, status, added_at, published_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING;

-- name: update-paper
-- A paper's fields as the editor or the file now has them (the id stays).
UPDATE papers SET title = ?, title_key = ?, authors = ?, year = ?, venue = ?, arxiv_url = ?, arxiv_id = ?, doi = ?,
                  code_url = ?, tags = ?, summary = ?, why_it_matters = ?, rank = ?, abstract = ?, published = ?,
                  source = ?, status = ?, added_at = ?, published_at = ?, updated_at = ?
 WHERE id = ?;

-- name: duplicate-of
-- The id of a paper that is the same work: same arXiv id, same DOI or same normalised title.
SELECT id FROM papers WHERE arxiv_id = ? OR doi = ? OR title_key = ? ORDER BY rank LIMIT 1;

-- name: next-rank
-- New papers join the end of the editorial order.
SELECT COALESCE(MAX(rank), 0) + 1 FROM papers;

-- name: count-papers
-- How many papers there are (zero on first start: seed the catalog).
SELECT COUNT(*) FROM papers;

-- name: count-by-status
-- Papers per status.
SELECT status, COUNT(*) FROM papers GROUP BY status;

-- name: count-added-since
-- Papers that entered the catalog since a time.
SELECT COUNT(*) FROM papers WHERE added_at >= ?;

-- name: catalog-version
-- Changes whenever a paper is added or changed: readers of a cached catalog reload when it moves.
SELECT COUNT(*), COALESCE(MAX(updated_at), 0) FROM papers;

-- name: get-meta
-- A catalog setting.
SELECT value FROM catalog_meta WHERE name = ?;

-- name: put-meta
-- Sets a catalog setting.
INSERT INTO catalog_meta (name, value) VALUES (?, ?)
ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- name: get-source
-- The validators of a feed's last answer, for a conditional GET.
SELECT etag, last_modified FROM catalog_sources WHERE url = ?;

-- name: put-source
-- What the last fetch of a feed said.
INSERT INTO catalog_sources (url, etag, last_modified, checked_at, outcome) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                                checked_at = excluded.checked_at, outcome = excluded.outcome;
