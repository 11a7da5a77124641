package org.paperdigest.config;

import java.time.Duration;
import java.util.Map;

/** How to reach the SMTP server and how hard to push it. */
public record SmtpConfig(
        String host,
        int port,
        String username,
        String password,
        Security security,
        int poolSize,
        double ratePerSecond,
        int maxAttempts,
        int maxMessagesPerConnection,
        Duration connectTimeout,
        Duration readTimeout,
        Duration retryDelay,
        Map<String, Double> domainRates) {

    /** Transport security: plain, upgraded with STARTTLS, or TLS from the first byte. */
    public enum Security { NONE, STARTTLS, TLS }

    public SmtpConfig {
        domainRates = Map.copyOf(domainRates);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("SMTP host is empty");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("SMTP pool size must be at least 1");
        }
    }

    public boolean authenticates() {
        return username != null && !username.isBlank();
    }

    /** Describes the server without the password, for logs and messages. */
    @Override
    public String toString() {
        return "SmtpConfig[" + host + ":" + port + ", security=" + security
                + (authenticates() ? ", user=" + username + ", password=***" : "") + ", pool=" + poolSize + "]";
    }
}
