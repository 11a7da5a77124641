package org.paperdigest.catalog;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;

/** What each feed's last fetch said (validators for the next conditional GET, the outcome), in the database. */
public final class SourceStates {
    private final Database db;
    private final SqlStatements sql;
    private final java.time.Clock clock;

    public SourceStates(Database db, java.time.Clock clock) {
        this.db = db;
        this.clock = clock;
        this.sql = db.statements("catalog.sql");
    }

    /** The validators of a feed's last good answer; both null before the first. */
    public record State(String etag, String lastModified) {}

    public State get(URI url) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.get("get-source"))) {
                ps.setString(1, url.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new State(rs.getString(1), rs.getString(2)) : new State(null, null);
                }
            }
        });
    }

    public void put(URI url, String etag, String lastModified, String outcome) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.get("put-source"))) {
                ps.setString(1, url.toString());
                ps.setString(2, etag);
                ps.setString(3, lastModified);
                ps.setLong(4, clock.millis());
                ps.setString(5, outcome.length() > 500 ? outcome.substring(0, 500) : outcome);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
