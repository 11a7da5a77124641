package org.paperdigest.testing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.paperdigest.App;
import org.paperdigest.subscribers.Consent;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.SubscriberStatus;

/** Test data: readers on the list, and a look at the outbox rows as the database holds them. */
public final class Seed {
    private Seed() {}

    /** Adds active readers user1@example.org … userN@example.org with no topics (those already there stay as they are). */
    public static List<String> readers(App app, int n) {
        List<String> emails = new ArrayList<>();
        app.consent().batch(b -> {
            for (int i = 1; i <= n; i++) {
                String email = "user" + i + "@example.org";
                if (b.find(EmailAddress.parse(email)).isEmpty()) {
                    b.arrive(new Consent.Arrival(EmailAddress.parse(email), null, List.of(), SubscriberStatus.ACTIVE, "test",
                            null, null, null, null), "test seed");
                }
                emails.add(email);
            }
            return null;
        });
        return emails;
    }

    /** One delivery row as stored. */
    public record Row(String email, String status, int attempts, String lastError) {}

    /** The delivery rows of an issue, by email. */
    public static Map<String, Row> deliveries(App app, int issue) {
        return app.database().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT s.email, d.status, d.attempts, d.last_error FROM deliveries d"
                            + " JOIN subscribers s ON s.id = d.subscriber_id WHERE d.issue_number = ?")) {
                ps.setInt(1, issue);
                Map<String, Row> out = new TreeMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
                    }
                }
                return out;
            }
        });
    }
}
