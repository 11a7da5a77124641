package org.paperdigest.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/** Reads typed values out of an {@link Env}, with defaults, and says what and where when a value is bad. */
final class Settings {
    private final Env env;

    Settings(Env env) {
        this.env = env;
    }

    String string(String name, String fallback) {
        return env.get(name).orElse(fallback);
    }

    String optional(String name) {
        return env.get(name).orElse(null);
    }

    int integer(String name, int fallback, int min, int max) {
        String raw = env.get(name).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        throw bad(name, raw, "a whole number from " + min + " to " + max);
    }

    boolean bool(String name, boolean fallback) {
        String raw = env.get(name).orElse(null);
        if (raw == null) {
            return fallback;
        }
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1": return true;
            case "false", "no", "off", "0": return false;
            default: throw bad(name, raw, "true or false");
        }
    }

    double decimal(String name, double fallback, double min, double max) {
        String raw = env.get(name).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        throw bad(name, raw, "a number from " + min + " to " + max);
    }

    /** Reads a duration written as {@code 30s}, {@code 5m}, {@code 24h}, {@code 500ms} or ISO-8601 ({@code PT1H}). */
    Duration duration(String name, Duration fallback) {
        return duration(name, fallback, Duration.ZERO, Duration.ofDays(3650));
    }

    /** Reads a duration that must lie between {@code min} and {@code max}. */
    Duration duration(String name, Duration fallback, Duration min, Duration max) {
        String raw = env.get(name).orElse(null);
        if (raw == null) {
            return fallback;
        }
        Duration d = parseDuration(raw);
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw bad(name, raw, "a duration from " + words(min) + " to " + words(max) + ", such as 500ms, 30s, 5m or 24h");
        }
        return d;
    }

    private static String words(Duration d) {
        long ms = d.toMillis();
        return ms % 86_400_000 == 0 && ms > 0 ? ms / 86_400_000 + "d" : ms % 3_600_000 == 0 && ms > 0 ? ms / 3_600_000 + "h"
                : ms % 60_000 == 0 && ms > 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    static Duration parseDuration(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1).trim());
            switch (s.charAt(s.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default: return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        String raw = env.get(name).orElse(null);
        if (raw == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(raw)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw bad(name, raw, "one of " + allowed);
    }

    ZoneId zone(String name, ZoneId fallback) {
        String raw = env.get(name).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            return ZoneId.of(raw);
        } catch (DateTimeException e) {
            throw bad(name, raw, "a time zone java.time accepts, such as UTC, Europe/Berlin or UTC+05:30");
        }
    }

    /** Reads an absolute http(s) URL and drops a trailing slash. */
    URI baseUrl(String name, String fallback) {
        String raw = string(name, fallback);
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw bad(name, raw, "an absolute http(s) URL without query, such as https://digest.example.org");
    }

    Path path(String name, String fallback) {
        String raw = fallback == null ? optional(name) : string(name, fallback);
        return raw == null ? null : Path.of(raw);
    }

    BadInputException bad(String name, String value, String expected) {
        String shown = Secrets.isSecret(name) ? "(hidden)" : "'" + Secrets.mask(value) + "'";
        return new BadInputException(name + " must be " + expected + ", got " + shown + " (set in " + env.origin(name) + ")");
    }
}
