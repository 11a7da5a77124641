package org.paperdigest.subscribers;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes and checks the Message-IDs of digests: {@code <digest.ISSUE.SUBSCRIBER.MAC@domain>}, where
 * MAC is HMAC-SHA256 with DIGEST_SECRET over the issue and the reader, 64 bits in lower-case hex.
 * The id is the same on every attempt of one delivery, unique world-wide, and cannot be made for
 * another reader: a bounce or complaint that quotes it proves which delivery it is about.
 */
public final class MessageIds {
    private static final int MAC_BYTES = 8;
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern ID = Pattern.compile("(?i)<digest\\.(\\d{1,9})\\.(\\d{1,18})\\.([0-9a-fA-F]{" + (2 * MAC_BYTES) + "})@[^>\\s]+>");

    private final SecretMac mac;
    private final String domain;

    /** {@code domain} is the part after the {@code @} (the From address's domain). */
    public MessageIds(String secret, String domain) {
        this.mac = new SecretMac(secret);
        this.domain = domain;
    }

    /** The Message-ID of an issue for a reader. */
    public String forDelivery(int issue, long subscriberId) {
        return "<digest." + issue + "." + subscriberId + "." + HEX.formatHex(mac(issue, subscriberId)) + "@" + domain + ">";
    }

    /** Names the delivery of a Message-ID made here; a forged, guessed or foreign id names none. */
    public Optional<BounceAddresses.Tag> verify(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(messageId.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int issue = Integer.parseInt(m.group(1));
            long subscriber = Long.parseLong(m.group(2));
            byte[] given = HEX.parseHex(m.group(3).toLowerCase(Locale.ROOT));
            return MessageDigest.isEqual(given, mac(issue, subscriber)) ? Optional.of(new BounceAddresses.Tag(issue, subscriber))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(int issue, long subscriberId) {
        return mac.of("message-id|" + issue + "." + subscriberId, MAC_BYTES);
    }
}
