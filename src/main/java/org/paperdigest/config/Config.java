package org.paperdigest.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * All of paper-digest's configuration, read once from an {@link Env}. Every default and every
 * check lives here; a bad value fails with a {@link BadInputException} naming the variable.
 */
public record Config(DatabaseConfig database, SmtpConfig smtp, DigestConfig digest, HttpConfig http,
                     DkimConfig dkim, BounceConfig bounces, Optional<ImapConfig> imap, CatalogConfig catalog) {

    public static final String DEFAULT_DB_URL = "jdbc:sqlite:subscribers/digest.db";
    public static final String DEFAULT_CRON = "0 0 9 ? * MON";
    private static final Pattern DOMAIN_RATE = Pattern.compile("([A-Za-z0-9.-]+)\\s*=\\s*([0-9]+(?:\\.[0-9]+)?)\\s*/\\s*([smh])");
    private static final Pattern MAILBOX = Pattern.compile("^(?:[^<>]*<)?[^\\s<>@]+@[^\\s<>@]+\\.?[^\\s<>@]*>?$");

    /** Reads and checks every variable. */
    public static Config from(Env env) {
        Settings s = new Settings(env);

        String dbUrl = s.string("DIGEST_DB_URL", DEFAULT_DB_URL);
        if (!dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw s.bad("DIGEST_DB_URL", dbUrl, "a jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB URL");
        }
        DatabaseConfig database = new DatabaseConfig(dbUrl, s.optional("DIGEST_DB_USERNAME"), s.optional("DIGEST_DB_PASSWORD"),
                s.duration("DIGEST_DB_OUTAGE_GRACE", DatabaseConfig.DEFAULT_OUTAGE_GRACE, Duration.ofSeconds(1), Duration.ofDays(1)));

        SmtpConfig.Security security = s.choice("SMTP_SECURITY", SmtpConfig.Security.class, SmtpConfig.Security.NONE);
        int defaultPort = switch (security) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case TLS -> 465;
        };
        SmtpConfig smtp = new SmtpConfig(
                s.string("SMTP_HOST", "localhost"),
                s.integer("SMTP_PORT", defaultPort, 1, 65535),
                s.optional("SMTP_USERNAME"),
                s.optional("SMTP_PASSWORD"),
                security,
                s.integer("SMTP_POOL_SIZE", 4, 1, 64),
                s.decimal("SMTP_RATE_PER_SECOND", 0, 0, 1_000_000),
                s.integer("SMTP_MAX_ATTEMPTS", 5, 1, 100),
                s.integer("SMTP_MAX_MESSAGES_PER_CONNECTION", 1000, 1, 1_000_000),
                s.duration("SMTP_CONNECT_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)),
                s.duration("SMTP_TIMEOUT", Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofHours(1)),
                s.duration("SMTP_RETRY_DELAY", Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofDays(1)),
                domainRates(s, "SMTP_DOMAIN_RATE"));

        String from = s.string("DIGEST_FROM", "Paper Digest <digest@localhost>");
        checkMailbox(s, "DIGEST_FROM", from);
        String replyTo = s.optional("DIGEST_REPLY_TO");
        if (replyTo != null) {
            checkMailbox(s, "DIGEST_REPLY_TO", replyTo);
        }
        String requestAddress = s.optional("DIGEST_REQUEST_ADDRESS");
        if (requestAddress != null) {
            checkMailbox(s, "DIGEST_REQUEST_ADDRESS", requestAddress);
        }
        DigestConfig digest = new DigestConfig(
                from,
                replyTo,
                s.baseUrl("DIGEST_BASE_URL", "http://localhost:8080"),
                s.optional("DIGEST_SECRET"),
                s.string("DIGEST_CRON", DEFAULT_CRON),
                s.zone("DIGEST_TIMEZONE", ZoneId.of("UTC")),
                s.integer("DIGEST_PAPERS_PER_ISSUE", 3, 1, 50),
                s.path("DIGEST_CATALOG", null),
                s.path("DIGEST_TEMPLATES", null),
                requestAddress == null ? DigestConfig.bareAddress(replyTo != null ? replyTo : from)
                        : DigestConfig.bareAddress(requestAddress),
                s.duration("DIGEST_MISFIRE_GRACE", Duration.ofHours(24), Duration.ZERO, Duration.ofDays(366)),
                s.duration("DIGEST_CLAIM_LEASE", Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofDays(1)),
                s.optional("DIGEST_SECRET_PREVIOUS"),
                s.integer("DIGEST_REQUEST_MAILS_PER_HOUR", 300, 1, 1_000_000));
        checkCron(s, digest.cron());
        // A claim must outlive the slowest message (connect, then three waits of SMTP_TIMEOUT), or a
        // second sender could take a row whose message is still on its way.
        Duration slowest = smtp.connectTimeout().plus(smtp.readTimeout()).multipliedBy(4);
        if (digest.claimLease().compareTo(slowest) < 0) {
            throw s.bad("DIGEST_CLAIM_LEASE", digest.claimLease().toString().substring(2).toLowerCase(java.util.Locale.ROOT),
                    "at least 4 × (SMTP_CONNECT_TIMEOUT + SMTP_TIMEOUT) = " + slowest.toSeconds() + "s, so a claim outlives the slowest message");
        }

        HttpConfig http = new HttpConfig(s.integer("HTTP_PORT", 8080, 0, 65535), httpHost(s), trustedProxies(s),
                s.bool("HTTP_TRUST_PROXY", false));
        return new Config(database, smtp, digest, http, DkimConfig.read(s), BounceConfig.read(s), imap(s), CatalogConfig.read(s));
    }

    private static String httpHost(Settings s) {
        String host = s.string("HTTP_HOST", HttpConfig.ALL_INTERFACES).strip();
        if (Cidr.literal(host).isEmpty() && !host.equals("localhost")) {
            throw s.bad("HTTP_HOST", host, "an IP address to listen on, such as 0.0.0.0 (every interface) or 127.0.0.1");
        }
        return host;
    }

    /** Parses HTTP_TRUSTED_PROXIES, a comma-separated list such as {@code 127.0.0.1,10.0.0.0/8,::1}. */
    private static List<Cidr> trustedProxies(Settings s) {
        String raw = s.optional("HTTP_TRUSTED_PROXIES");
        List<Cidr> proxies = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return proxies;
        }
        for (String part : raw.split(",")) {
            proxies.add(Cidr.parse(part).orElseThrow(() -> s.bad("HTTP_TRUSTED_PROXIES", raw,
                    "a comma-separated list of IP addresses or CIDR blocks, such as 127.0.0.1,10.0.0.0/8")));
        }
        return proxies;
    }

    private static void checkCron(Settings s, String cron) {
        try {
            new org.quartz.CronExpression(cron);
        } catch (java.text.ParseException e) {
            throw s.bad("DIGEST_CRON", cron, "a Quartz cron expression such as \"" + DEFAULT_CRON
                    + "\" (sec min hour day-of-month month day-of-week): " + e.getMessage());
        }
    }

    /** Parses {@code gmail.com=20/s,yahoo.com=10/s} (also {@code 600/m}) into messages per second by domain. */
    static Map<String, Double> domainRates(Settings s, String name) {
        String raw = s.optional(name);
        Map<String, Double> rates = new LinkedHashMap<>();
        if (raw == null) {
            return rates;
        }
        for (String part : raw.split(",")) {
            java.util.regex.Matcher m = DOMAIN_RATE.matcher(part.strip());
            if (!m.matches()) {
                throw s.bad(name, raw, "a list like gmail.com=20/s,yahoo.com=600/m");
            }
            double n = Double.parseDouble(m.group(2));
            double perSecond = m.group(3).equals("s") ? n : m.group(3).equals("m") ? n / 60 : n / 3600;
            if (perSecond <= 0) {
                throw s.bad(name, raw, "positive rates");
            }
            rates.put(m.group(1).toLowerCase(java.util.Locale.ROOT), perSecond);
        }
        return rates;
    }


    /** Reads IMAP_*: the request mailbox is polled only when IMAP_HOST is set. */
    private static Optional<ImapConfig> imap(Settings s) {
        String host = s.optional("IMAP_HOST");
        if (host == null) {
            return Optional.empty();
        }
        SmtpConfig.Security security = s.choice("IMAP_SECURITY", SmtpConfig.Security.class, SmtpConfig.Security.TLS);
        String username = s.optional("IMAP_USERNAME");
        if (username == null) {
            throw s.bad("IMAP_USERNAME", "", "the login of the request mailbox when IMAP_HOST is set");
        }
        Duration interval = s.duration("IMAP_POLL_INTERVAL", Duration.ofMinutes(1));
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw s.bad("IMAP_POLL_INTERVAL", interval.toString(), "at least 100ms (1m is usual)");
        }
        return Optional.of(new ImapConfig(
                host,
                s.integer("IMAP_PORT", security == SmtpConfig.Security.TLS ? 993 : 143, 1, 65535),
                username,
                s.optional("IMAP_PASSWORD"),
                security,
                s.string("IMAP_FOLDER", "INBOX"),
                s.optional("IMAP_PROCESSED_FOLDER"),
                interval,
                s.duration("IMAP_TIMEOUT", Duration.ofSeconds(30))));
    }

    private static void checkMailbox(Settings s, String name, String value) {
        String address = DigestConfig.bareAddress(value);
        if (!MAILBOX.matcher(value.trim()).matches() || !address.chars().allMatch(c -> c > 32 && c < 127)) {
            throw s.bad(name, value, "an address like digest@example.org or \"Paper Digest <digest@example.org>\""
                    + " (ASCII; write an international domain in its xn-- form)");
        }
    }
}
