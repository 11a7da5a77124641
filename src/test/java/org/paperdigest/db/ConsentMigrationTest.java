package org.paperdigest.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.config.DatabaseConfig;

/** V5 rebuilds the SQLite subscribers table: a list made before it keeps every row, delivery, bounce and id. */
class ConsentMigrationTest {
    @TempDir
    Path dir;

    @Test
    void an_existing_sqlite_list_keeps_its_readers_deliveries_bounces_and_id_sequence() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("old.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite").target("4").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO subscribers (id, email, email_key, name, topics, status, source, created_at, updated_at,"
                    + " confirmed_at) VALUES (1, 'Ada@example.org', 'ada@example.org', 'Ada', 'nlp', 'active', 'web', 1, 2, 2)");
            s.execute("INSERT INTO subscribers (id, email, email_key, name, topics, status, source, created_at, updated_at)"
                    + " VALUES (7, 'gone@example.org', 'gone@example.org', NULL, '', 'pending', 'web', 1, 1)");
            s.execute("DELETE FROM subscribers WHERE id = 7");
            s.execute("INSERT INTO issues (number, kind, status, papers_per_issue, created_at) VALUES (1, 'manual', 'done', 3, 5)");
            s.execute("INSERT INTO deliveries (issue_number, subscriber_id, papers, status, updated_at) VALUES (1, 1, 'a,b', 'sent', 6)");
            s.execute("INSERT INTO bounces (subscriber_id, issue_number, kind, source, report_id, received_at)"
                    + " VALUES (1, 1, 'soft', 'dsn', 'r1', 7)");
        }

        try (Database db = Database.open(new DatabaseConfig(url, null, null), 2)) {
            db.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    assertThat(count(s, "SELECT COUNT(*) FROM deliveries WHERE subscriber_id = 1")).isEqualTo(1);
                    assertThat(count(s, "SELECT COUNT(*) FROM bounces WHERE subscriber_id = 1")).isEqualTo(1);
                    assertThat(count(s, "SELECT COUNT(*) FROM subscriber_history WHERE subscriber_id = 1 AND to_status = 'active'"))
                            .isEqualTo(1);
                    s.execute("INSERT INTO subscribers (email, email_key, topics, status, source, created_at, updated_at)"
                            + " VALUES ('kat@example.org', 'kat@example.org', '', 'complained', 'cli', 9, 9)");
                    assertThat(count(s, "SELECT id FROM subscribers WHERE email_key = 'kat@example.org'"))
                            .as("ids of deleted subscribers are never reused").isEqualTo(8);
                    assertThat(count(s, "PRAGMA foreign_keys")).isEqualTo(1);
                    s.execute("DELETE FROM subscribers WHERE id = 1");
                    assertThat(count(s, "SELECT COUNT(*) FROM deliveries")).as("the cascade still works").isZero();
                }
                return null;
            });
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
