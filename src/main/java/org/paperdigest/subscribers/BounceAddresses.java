package org.paperdigest.subscribers;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes and reads the per-recipient SMTP envelope senders (VERP): {@code bounces@example.org}
 * becomes {@code bounces+<issue>.<subscriber>.<mac>@example.org}, so a bounce names the reader and
 * the issue even when its text does not. The MAC is HMAC-SHA256 with DIGEST_SECRET, 40 bits in
 * lower-case hex (some servers lower-case local parts), so nobody can forge a bounce for another reader.
 */
public final class BounceAddresses {
    private static final int MAC_BYTES = 5;
    private static final HexFormat HEX = HexFormat.of();

    private final String local;
    private final String domain;
    private final Pattern tagged;
    private final SecretMac mac;

    /** Whom a bounce address names. */
    public record Tag(int issue, long subscriberId) {}

    /** {@code address} is the plain bounce address ({@code DIGEST_BOUNCE_ADDRESS}), without a {@code +} part. */
    public BounceAddresses(String address, String secret) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || address.indexOf('+') >= 0) {
            throw new IllegalArgumentException("not a plain bounce address: " + address);
        }
        this.local = address.substring(0, at);
        this.domain = address.substring(at + 1);
        this.tagged = Pattern.compile("(?i)" + Pattern.quote(local) + "\\+(\\d{1,9})\\.(\\d{1,18})\\.([0-9a-f]{" + (2 * MAC_BYTES) + "})@"
                + Pattern.quote(domain));
        this.mac = new SecretMac(secret);
    }

    /** The envelope sender for one delivery. */
    public String forDelivery(int issue, long subscriberId) {
        return local + "+" + issue + "." + subscriberId + "." + HEX.formatHex(mac(issue, subscriberId)) + "@" + domain;
    }

    /** Finds a valid tagged bounce address in {@code text} (a header value, say); forged or foreign ones are ignored. */
    public Optional<Tag> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = tagged.matcher(text);
        while (m.find()) {
            try {
                int issue = Integer.parseInt(m.group(1));
                long subscriber = Long.parseLong(m.group(2));
                byte[] given = HEX.parseHex(m.group(3).toLowerCase(Locale.ROOT));
                if (MessageDigest.isEqual(given, mac(issue, subscriber))) {
                    return Optional.of(new Tag(issue, subscriber));
                }
            } catch (NumberFormatException ignored) {
                // too large to be ours: keep looking
            }
        }
        return Optional.empty();
    }

    private byte[] mac(int issue, long subscriberId) {
        return mac.of("bounce|" + issue + "." + subscriberId, MAC_BYTES);
    }
}
