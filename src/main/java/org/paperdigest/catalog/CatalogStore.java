package org.paperdigest.catalog;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;

/**
 * The catalog in the database: every instance sees the same papers, and edits need no restart.
 * Seeded on first start from the bundled catalog (or DIGEST_CATALOG); a catalog file is synced by id.
 */
public final class CatalogStore {
    static final String TITLE = "title";

    private final Database db;
    private final Clock clock;
    private final SqlStatements sql;

    public CatalogStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.sql = db.statements("catalog.sql");
    }

    /** What a sync of a catalog file did. */
    public record SyncReport(int added, int updated, int unchanged) {}

    /** Fills an empty catalog from {@code seed}; returns true when it did (first start). */
    public boolean seedIfEmpty(Catalog seed) {
        return db.inTransaction(c -> {
            if (count(c) > 0) {
                return false;
            }
            putTitle(c, seed.title());
            for (Paper p : seed.papers()) {
                insert(c, p);
            }
            return true;
        });
    }

    /**
     * Brings the database in line with a catalog file, by id: new entries are added, changed ones
     * updated (keeping when they entered the catalog), papers missing from the file are left alone.
     */
    public SyncReport sync(Catalog file) {
        return db.inTransaction(c -> {
            putTitle(c, file.title());
            int added = 0;
            int updated = 0;
            int unchanged = 0;
            for (Paper p : file.papers()) {
                Optional<Paper> old = find(c, p.id());
                if (old.isEmpty()) {
                    insert(c, p);
                    added++;
                } else if (!old.get().equals(p.keepingHistoryOf(old.get()))) {
                    update(c, p.keepingHistoryOf(old.get()));
                    updated++;
                } else {
                    unchanged++;
                }
            }
            return new SyncReport(added, updated, unchanged);
        });
    }

    /** The whole catalog now: every paper of any status, in editorial order. */
    public Catalog snapshot() {
        return db.withConnection(c -> {
            List<Paper> papers = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.get("all-papers")); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    papers.add(paper(rs));
                }
            }
            return new Catalog(title(c), papers, "database");
        });
    }

    /** A number that changes whenever a paper is added or changed. */
    public String version() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.get("catalog-version")); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + ":" + rs.getLong(2);
            }
        });
    }

    public Optional<Paper> find(String id) {
        return db.withConnection(c -> find(c, id));
    }

    /** Papers of one status, newest first. */
    public List<Paper> withStatus(PaperStatus status) {
        return db.withConnection(c -> {
            List<Paper> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.get("papers-by-status"))) {
                ps.setString(1, status.column());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(paper(rs));
                    }
                }
            }
            return out;
        });
    }

    /** How many papers have each status (zero included). */
    public Map<PaperStatus, Integer> counts() {
        return db.withConnection(c -> {
            Map<PaperStatus, Integer> out = new EnumMap<>(PaperStatus.class);
            for (PaperStatus s : PaperStatus.values()) {
                out.put(s, 0);
            }
            try (PreparedStatement ps = c.prepareStatement(sql.get("count-by-status")); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(PaperStatus.of(rs.getString(1)), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /** How many papers entered the catalog at or after {@code since}. */
    public int addedSince(Instant since) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.get("count-added-since"))) {
                ps.setLong(1, since.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The id of a paper that is the same work (same arXiv id, DOI or normalised title), if any. */
    public Optional<String> duplicateOf(String arxivId, String doi, String title) {
        return db.withConnection(c -> duplicateOf(c, arxivId, doi, title));
    }

    Optional<String> duplicateOf(Connection c, String arxivId, String doi, String title) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("duplicate-of"))) {
            ps.setString(1, arxivId);
            ps.setString(2, doi == null ? null : doi.toLowerCase(Locale.ROOT));
            ps.setString(3, Paper.titleKey(title));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Adds a paper (an id already taken adds nothing and returns false). */
    public boolean add(Paper p) {
        return db.withConnection(c -> insert(c, p));
    }

    /** Saves a changed paper under its id. */
    public void save(Paper p) {
        db.withConnection(c -> {
            update(c, p);
            return null;
        });
    }

    /** The rank a paper joining the end of the list gets. */
    public int nextRank() {
        return db.withConnection(this::nextRank);
    }

    int nextRank(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("next-rank")); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    Clock clock() {
        return clock;
    }

    Database database() {
        return db;
    }

    Optional<Paper> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("find-paper"))) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(paper(rs)) : Optional.empty();
            }
        }
    }

    boolean insert(Connection c, Paper p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("insert-paper"))) {
            ps.setString(1, p.id());
            int i = bind(ps, 2, p);
            ps.setLong(i, clock.millis());
            return ps.executeUpdate() == 1;
        }
    }

    void update(Connection c, Paper p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("update-paper"))) {
            int i = bind(ps, 1, p);
            ps.setLong(i++, clock.millis());
            ps.setString(i, p.id());
            ps.executeUpdate();
        }
    }

    /** Binds every column but the id and updated_at, from {@code i}; returns the next index. */
    private static int bind(PreparedStatement ps, int i, Paper p) throws SQLException {
        ps.setString(i++, p.title());
        ps.setString(i++, p.titleKey());
        ps.setString(i++, String.join("\n", p.authors()));
        ps.setInt(i++, p.year());
        ps.setString(i++, p.venue());
        ps.setString(i++, p.arxivUrl() == null ? null : p.arxivUrl().toString());
        ps.setString(i++, p.arxivId());
        ps.setString(i++, p.doi() == null ? null : p.doi().toLowerCase(Locale.ROOT));
        ps.setString(i++, p.codeUrl() == null ? null : p.codeUrl().toString());
        ps.setString(i++, String.join(",", p.tags()));
        ps.setString(i++, p.summary());
        ps.setString(i++, p.whyItMatters());
        ps.setInt(i++, p.rank());
        ps.setString(i++, p.abstractText());
        ps.setString(i++, p.published() == null ? null : p.published().toString());
        ps.setString(i++, p.source());
        ps.setString(i++, p.status().column());
        ps.setLong(i++, p.addedAt().toEpochMilli());
        if (p.publishedAt() == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, p.publishedAt().toEpochMilli());
        }
        return i;
    }

    private static Paper paper(ResultSet rs) throws SQLException {
        String arxiv = rs.getString(6);
        String code = rs.getString(7);
        String tags = rs.getString(8);
        String published = rs.getString(13);
        long publishedAt = rs.getLong(18);
        boolean neverPublished = rs.wasNull();
        String authors = rs.getString(3);
        return new Paper(rs.getString(1), rs.getString(2), authors.isEmpty() ? List.of() : Arrays.asList(authors.split("\n")), rs.getInt(4),
                rs.getString(5), arxiv == null ? null : URI.create(arxiv), code == null ? null : URI.create(code),
                tags.isEmpty() ? List.of() : Arrays.asList(tags.split(",")), rs.getString(9), rs.getString(10), rs.getInt(11),
                rs.getString(12), published == null ? null : LocalDate.parse(published), rs.getString(14), rs.getString(15),
                PaperStatus.of(rs.getString(16)), Instant.ofEpochMilli(rs.getLong(17)),
                neverPublished ? null : Instant.ofEpochMilli(publishedAt));
    }

    private int count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("count-papers")); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private String title(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("get-meta"))) {
            ps.setString(1, TITLE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "Paper Digest";
            }
        }
    }

    private void putTitle(Connection c, String title) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.get("put-meta"))) {
            ps.setString(1, TITLE);
            ps.setString(2, title);
            ps.executeUpdate();
        }
    }
}
