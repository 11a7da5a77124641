package org.paperdigest.inbound;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.paperdigest.subscribers.BounceAddresses;
import org.paperdigest.subscribers.MessageIds;

/**
 * Tells which delivery a bounce or complaint report is about, only from what a forger cannot make:
 * the signed VERP address the report was sent to (or quotes), or a signed Message-ID of ours that
 * it quotes. A guessed or copied id of another reader's message does not verify.
 */
public final class ReportOrigins {
    private final BounceAddresses addresses;
    private final MessageIds messageIds;

    /** {@code addresses} is null when DIGEST_BOUNCE_ADDRESS is not set (then only Message-IDs name a delivery). */
    public ReportOrigins(BounceAddresses addresses, MessageIds messageIds) {
        this.addresses = addresses;
        this.messageIds = messageIds;
    }

    /** The delivery a report names, if a signed address or Message-ID in it verifies. */
    public Optional<BounceAddresses.Tag> of(byte[] raw, List<String> quotedMessageIds) {
        Optional<BounceAddresses.Tag> verp = addresses == null ? Optional.empty()
                : addresses.find(new String(raw, StandardCharsets.ISO_8859_1));
        if (verp.isPresent()) {
            return verp;
        }
        for (String id : quotedMessageIds) {
            Optional<BounceAddresses.Tag> tag = messageIds.verify(id);
            if (tag.isPresent()) {
                return tag;
            }
        }
        return Optional.empty();
    }

    /** Says what a report would need to be counted, for the log and {@code bounces check}. */
    String lacking() {
        return addresses == null ? "no signed Message-ID of ours (and DIGEST_BOUNCE_ADDRESS is not set, so no VERP)"
                : "no signed bounce address and no signed Message-ID of ours";
    }
}
