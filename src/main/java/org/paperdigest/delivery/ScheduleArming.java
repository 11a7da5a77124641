package org.paperdigest.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import org.paperdigest.db.Database;
import org.paperdigest.db.SqlStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records since when the schedule has been armed in this database, so catch-up never sends for a
 * fire time before the installation (or the current DIGEST_CRON) existed. Instances sharing one
 * PostgreSQL database agree on the time: the first to arm wins.
 */
public final class ScheduleArming {
    private static final Logger log = LoggerFactory.getLogger(ScheduleArming.class);
    private static final String NAME = "digest";

    private final Database db;
    private final Clock clock;
    private final String insert;
    private final String find;
    private final String rearm;

    public ScheduleArming(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        SqlStatements sql = db.statements("schedule.sql");
        insert = sql.get("insert-arming");
        find = sql.get("find-arming");
        rearm = sql.get("rearm");
    }

    /**
     * Arms {@code schedule} (its cron expression and zone, as text) unless it already is, and
     * returns since when it has been armed. A schedule different from the armed one is armed now.
     */
    public Instant arm(String schedule) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, NAME);
                ps.setString(2, schedule);
                ps.setLong(3, now);
                ps.executeUpdate();
            }
            String armed;
            long since;
            try (PreparedStatement ps = c.prepareStatement(find)) {
                ps.setString(1, NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    armed = rs.getString(1);
                    since = rs.getLong(2);
                }
            }
            if (schedule.equals(armed)) {
                return Instant.ofEpochMilli(since);
            }
            if (armed != null) {
                log.info("The schedule changed from {} to {}: it counts as armed from now, so nothing is caught up"
                        + " for fire times before", armed, schedule);
                since = now;
            }
            try (PreparedStatement ps = c.prepareStatement(rearm)) {
                ps.setString(1, schedule);
                ps.setLong(2, since);
                ps.setString(3, NAME);
                ps.executeUpdate();
            }
            return Instant.ofEpochMilli(since);
        });
    }
}
