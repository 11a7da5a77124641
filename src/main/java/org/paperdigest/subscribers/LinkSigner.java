package org.paperdigest.subscribers;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Makes and checks the tokens in links that act on a subscriber (confirm, unsubscribe,
 * preferences, view in browser): {@code <id>.<expiry>.<mac>}, where the MAC is HMAC-SHA256 with
 * DIGEST_SECRET over the purpose, the subscriber id and the expiry, truncated to 128 bits and
 * compared in constant time. After a rotation, tokens made with DIGEST_SECRET_PREVIOUS still
 * verify (so unsubscribe links in mail already sent keep working); new tokens use DIGEST_SECRET. Ids are never guessable on their own: a token without a valid MAC is refused.
 */
public final class LinkSigner {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;

    /** What a token allows, and for how long by default. */
    public enum Purpose {
        CONFIRM(Duration.ofDays(7)),
        UNSUBSCRIBE(Duration.ofDays(365)),
        PREFERENCES(Duration.ofDays(90)),
        VIEW(Duration.ofDays(365));

        private final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }

        public Duration lifetime() {
            return lifetime;
        }
    }

    /** The result of checking a token: the subscriber id, or why it was refused. */
    public sealed interface Verdict permits Valid, Expired, Invalid {}

    public record Valid(long subscriberId) implements Verdict {}

    public record Expired(long subscriberId) implements Verdict {}

    public record Invalid() implements Verdict {}

    /**
     * A genuine token bound to a nonce, as confirmation links are bound to the request they were
     * mailed for; {@code expired} when its lifetime has passed. Whether the nonce is still the
     * current one is for the caller to decide.
     */
    public record Bound(long subscriberId, String nonce, boolean expired) {}

    private static final int MAC_CHARS = 22; // 16 bytes in unpadded base64url

    private final SecretMac mac;
    private final SecretMac previous;
    private final Clock clock;

    public LinkSigner(String secret, Clock clock) {
        this(secret, null, clock);
    }

    /** {@code previousSecret} (DIGEST_SECRET_PREVIOUS, may be null) still verifies tokens signed before a rotation; it never signs. */
    public LinkSigner(String secret, String previousSecret, Clock clock) {
        this.mac = new SecretMac(secret);
        this.previous = previousSecret == null || previousSecret.isEmpty() ? null : new SecretMac(previousSecret);
        this.clock = clock;
    }

    /** Signs a token for {@code subscriberId} that expires after the purpose's default lifetime. */
    public String sign(Purpose purpose, long subscriberId) {
        return sign(purpose, subscriberId, purpose.lifetime());
    }

    public String sign(Purpose purpose, long subscriberId, Duration lifetime) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String body = subscriberId + "." + Long.toString(expires, 36);
        return body + "." + B64.encodeToString(mac(mac, purpose, body));
    }

    /** Checks a token for {@code purpose}; never throws on malformed input. */
    public Verdict verify(Purpose purpose, String token) {
        return check(purpose, token, false).<Verdict>map(t -> t.expired() ? new Expired(t.subscriberId())
                : new Valid(t.subscriberId())).orElse(new Invalid());
    }

    /**
     * Signs a token bound to {@code nonce} (base64url characters): {@code <id>.<expiry>.<mac><nonce>},
     * the MAC covering the nonce too, so the token still reads as one word in a mail subject.
     */
    public String signBound(Purpose purpose, long subscriberId, String nonce) {
        if (!nonce.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("a nonce is 1 to 40 base64url characters");
        }
        long expires = clock.instant().plus(purpose.lifetime()).getEpochSecond();
        String body = subscriberId + "." + Long.toString(expires, 36);
        return body + "." + B64.encodeToString(mac(mac, purpose, body + "|" + nonce)) + nonce;
    }

    /** Checks a token made by {@link #signBound}; empty when it is malformed or its MAC is wrong. Never throws. */
    public Optional<Bound> verifyBound(Purpose purpose, String token) {
        return check(purpose, token, true);
    }

    /** Parses and checks {@code <id>.<expiry>.<mac>}, or with {@code bound} {@code <id>.<expiry>.<mac><nonce>} (nonce null otherwise). */
    private Optional<Bound> check(Purpose purpose, String token, boolean bound) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int second = token.lastIndexOf('.');
        int first = second > 0 ? token.lastIndexOf('.', second - 1) : -1;
        if (first <= 0 || (bound && token.length() - second - 1 <= MAC_CHARS)) {
            return Optional.empty();
        }
        String body = token.substring(0, second);
        int macEnd = bound ? second + 1 + MAC_CHARS : token.length();
        String nonce = bound ? token.substring(macEnd) : null;
        long id;
        long expires;
        byte[] given;
        try {
            id = Long.parseLong(token.substring(0, first));
            expires = Long.parseLong(token.substring(first + 1, second), 36);
            given = B64D.decode(token.substring(second + 1, macEnd));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String signed = bound ? body + "|" + nonce : body;
        boolean genuine = MessageDigest.isEqual(given, mac(mac, purpose, signed))
                || previous != null && MessageDigest.isEqual(given, mac(previous, purpose, signed));
        if (!genuine) {
            return Optional.empty();
        }
        return Optional.of(new Bound(id, nonce, clock.instant().getEpochSecond() > expires));
    }

    private static byte[] mac(SecretMac key, Purpose purpose, String body) {
        return key.of(purpose.name().toLowerCase(Locale.ROOT) + "|" + body, MAC_BYTES);
    }
}
