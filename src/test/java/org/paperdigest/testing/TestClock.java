package org.paperdigest.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, for limits and expiring links. */
public final class TestClock extends Clock {
    private volatile Instant now;

    private TestClock(Instant now) {
        this.now = now;
    }

    /** A clock standing at an ISO-8601 instant, e.g. {@code "2026-07-01T10:00:00Z"} (a Wednesday). */
    public static TestClock at(String instant) {
        return new TestClock(Instant.parse(instant));
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
