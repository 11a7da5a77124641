package org.paperdigest.web;

import java.time.Duration;

/** Writes a duration the way a person would say it: "10 minutes", "7 days", "1 hour". */
final class Durations {
    private Durations() {}

    static String words(Duration d) {
        long seconds = Math.max(1, d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
        if (seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds >= 60) {
            return plural((seconds + 59) / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
