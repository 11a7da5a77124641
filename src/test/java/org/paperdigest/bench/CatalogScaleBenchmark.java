package org.paperdigest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.paperdigest.App;
import org.paperdigest.catalog.Picker;
import org.paperdigest.config.Config;
import org.paperdigest.config.Env;
import org.paperdigest.delivery.Issue;
import org.paperdigest.delivery.IssuePlanner;

/**
 * Plans one issue against a 10,000-paper catalog and 100,000 readers with a year (52 issues) of
 * delivery history, and prints the seconds and the peak RSS. Not a test: run it under -Xmx128m
 * with {@code bench/catalog-scale.sh} against SQLite or PostgreSQL.
 */
public final class CatalogScaleBenchmark {
    private static final int PAPERS = 10_000;
    private static final int READERS = 100_000;
    private static final int ISSUES = 52;
    private static final String[] TOPICS = new String[30];

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < TOPICS.length; i++) {
            TOPICS[i] = "topic-" + i;
        }
        String url = args.length > 0 ? args[0] : "jdbc:sqlite:" + Files.createTempDirectory("scale").resolve("digest.db");
        Instant now = Instant.parse("2026-11-30T09:00:00Z");
        Map<String, String> env = new HashMap<>();
        env.put("DIGEST_DB_URL", url);
        env.put("DIGEST_SECRET", "bench-secret");
        env.put("DIGEST_PAPERS_PER_ISSUE", "3");
        try (App app = new App(Config.from(Env.of(env)), Clock.fixed(now, java.time.ZoneOffset.UTC))) {
            long t0 = System.nanoTime();
            app.catalogStore();
            app.database().inTransaction(c -> {
                fill(c, now);
                return null;
            });
            System.out.printf("setup: %d papers, %d readers, %d issues of history in %.1f s%n", PAPERS, READERS, ISSUES,
                    (System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            Issue issue = app.issues().create(Issue.Kind.MANUAL, null, 3).orElseThrow();
            long rows = new IssuePlanner(app.outbox(), app.issues(), new Picker(app.liveCatalog())).plan(issue);
            double seconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("planning issue %d: %d rows in %.1f s (%.0f readers/s); peak RSS %s; max heap %d MB%n",
                    issue.number(), rows, seconds, rows / seconds, peakRss(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    private static void fill(Connection c, Instant now) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO papers (id, title, title_key, authors, year, venue, arxiv_url,"
                + " arxiv_id, tags, rank, source, status, added_at, published_at, updated_at)"
                + " VALUES (?, ?, ?, 'A. Author', 2026, 'arXiv', ?, ?, ?, ?, 'bench', 'published', ?, ?, ?)")) {
            for (int i = 0; i < PAPERS - 10; i++) {
                long at = now.minus(Duration.ofMinutes(52L * 7 * 24 * 60 * i / PAPERS)).toEpochMilli();
                String arxiv = String.format("2501.%05d", i);
                ps.setString(1, "p" + i);
                ps.setString(2, "Paper " + i);
                ps.setString(3, "paper " + i);
                ps.setString(4, "https://arxiv.org/abs/" + arxiv);
                ps.setString(5, arxiv);
                ps.setString(6, TOPICS[i % 30] + "," + TOPICS[(i * 7) % 30]);
                ps.setInt(7, 11 + i);
                ps.setLong(8, at);
                ps.setLong(9, at);
                ps.setLong(10, at);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscribers (email, email_key, topics, status, source, created_at,"
                + " updated_at) VALUES (?, ?, ?, 'active', 'bench', 0, 0)")) {
            for (int r = 1; r <= READERS; r++) {
                ps.setString(1, "user" + r + "@example.org");
                ps.setString(2, "user" + r + "@example.org");
                ps.setString(3, r % 3 == 0 ? "" : r % 3 == 1 ? TOPICS[r % 30] : TOPICS[r % 30] + "," + TOPICS[(r + 11) % 30]);
                ps.addBatch();
                if (r % 5000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement issue = c.prepareStatement("INSERT INTO issues (number, kind, status, papers_per_issue, planned_through,"
                + " created_at) VALUES (?, 'manual', 'done', 3, ?, ?)");
             PreparedStatement d = c.prepareStatement("INSERT INTO deliveries (issue_number, subscriber_id, papers, status, updated_at)"
                     + " VALUES (?, ?, ?, 'sent', 0)")) {
            for (int k = 1; k <= ISSUES; k++) {
                issue.setInt(1, k);
                issue.setLong(2, READERS);
                issue.setLong(3, now.minus(Duration.ofDays(7L * (ISSUES + 1 - k))).toEpochMilli());
                issue.executeUpdate();
                for (int r = 1; r <= READERS; r++) {
                    int p = (r * 7 + k * 3) % (PAPERS - 10);
                    d.setInt(1, k);
                    d.setLong(2, r);
                    d.setString(3, "p" + p + ",p" + ((p + 1) % (PAPERS - 10)) + ",p" + ((p + 2) % (PAPERS - 10)));
                    d.addBatch();
                    if (r % 5000 == 0) {
                        d.executeBatch();
                    }
                }
                d.executeBatch();
            }
        }
    }

    private static String peakRss() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).strip();
            }
        }
        return "unknown";
    }
}
