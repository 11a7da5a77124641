package org.paperdigest.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads the outbox of a test's SQLite database as it is stored, for assertions. */
public final class DeliveryRows {
    private DeliveryRows() {}

    /** One delivery record with its subscriber's address. */
    public record Row(int issue, String email, String status, int attempts, String messageId) {}

    /** Every delivery row in {@code dir/digest.db} (the database of {@link TestEnv#sqliteIn}), by id. */
    public static List<Row> in(Path dir) {
        String sql = "SELECT d.issue_number, s.email, d.status, d.attempts, d.message_id"
                + " FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id ORDER BY d.id";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("digest.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the deliveries of " + dir, e);
        }
    }
}
