package org.paperdigest.inbound;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import org.paperdigest.config.BounceConfig;
import org.paperdigest.deliverability.ReportKind;
import org.paperdigest.mail.Mailbox;
import org.paperdigest.subscribers.BounceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bounce mailbox over IMAP: every unread message goes through the {@link BounceProcessor}.
 * Bounces and complaints it recorded are deleted, and so are delay warnings (they never count);
 * anything else (a person's mail, an auto-reply, a report about no delivery of ours) is marked read
 * and left for a human. A message whose processing failed stays
 * unread, so the next poll tries again; a report is never counted twice.
 */
public final class BounceMailbox {
    private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);

    private final BounceConfig.Mailbox config;
    private final BounceProcessor processor;
    private final Session session;

    public BounceMailbox(BounceConfig.Mailbox config, BounceProcessor processor) {
        this.config = config;
        this.processor = processor;
        this.session = Session.getInstance(properties(config));
    }

    /** What one poll did; {@code subscribersBounced} counts readers opted out by it (bounced, or by a complaint). */
    public record Poll(int read, int recorded, int subscribersBounced, int leftForHumans, int failed) {}

    private static boolean dropped(BounceProcessor.Result r) {
        return r instanceof BounceProcessor.NotCounted n && n.classification().kind() == ReportKind.DELAY;
    }

    /** Polls once and logs what it did; a failure is thrown to the scheduler, which logs it and tries again later. */
    public void pollOnce() {
        Poll p;
        try {
            p = poll();
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read the bounce mailbox " + describe() + ": " + e.getMessage(), e);
        }
        if (p.read() > 0) {
            log.info("Bounce mailbox: read {}, recorded {} bounces and complaints, {} subscribers opted out, {} left for a human, {} failed",
                    p.read(), p.recorded(), p.subscribersBounced(), p.leftForHumans(), p.failed());
        }
    }

    /** Reads the unread messages once. Fails with {@link MessagingException} when the mailbox cannot be opened. */
    public Poll poll() throws MessagingException {
        int read = 0;
        int recorded = 0;
        int bounced = 0;
        int left = 0;
        int failed = 0;
        try (Store store = session.getStore()) {
            store.connect(config.host(), config.port(), config.username(), config.password());
            Folder folder = store.getFolder(config.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message m : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    read++;
                    try {
                        BounceProcessor.Result r = processor.process(bytes(m));
                        if (r instanceof BounceProcessor.Recorded rec) {
                            recorded++;
                            if (rec.outcome() == BounceStore.Outcome.SUBSCRIBER_BOUNCED) {
                                bounced++;
                                log.info("{} is now bounced after a {} bounce on issue {}: {}", rec.email(),
                                        rec.classification().kind().code(), rec.issue(), rec.classification().reason());
                            } else if (rec.outcome() == BounceStore.Outcome.SUBSCRIBER_COMPLAINED) {
                                bounced++;
                                log.info("{} complained about issue {}: no more mail goes there ({})", rec.email(), rec.issue(),
                                        rec.classification().reason());
                            }
                            m.setFlag(Flags.Flag.DELETED, true);
                        } else if (dropped(r)) {
                            m.setFlag(Flags.Flag.DELETED, true);
                        } else {
                            left++;
                            m.setFlag(Flags.Flag.SEEN, true);
                            log.info("Left message {} in {} for a human: {}", m.getMessageNumber(), config.folder(), describe(r));
                        }
                    } catch (RuntimeException | IOException | MessagingException e) {
                        failed++;
                        log.warn("Could not process message {} of {}: {}", m.getMessageNumber(), config.folder(), e.toString());
                        m.setFlag(Flags.Flag.SEEN, false);
                    }
                }
            } finally {
                folder.close(true);
            }
        }
        return new Poll(read, recorded, bounced, left, failed);
    }

    /** Where this mailbox is, without the password. */
    public String describe() {
        return config.username() + "@" + config.host() + ":" + config.port() + "/" + config.folder();
    }

    private static String describe(BounceProcessor.Result r) {
        if (r instanceof BounceProcessor.NotCounted n) {
            return n.reason();
        }
        return r.toString();
    }

    private static byte[] bytes(Message m) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        m.writeTo(out);
        return out.toByteArray();
    }

    static Properties properties(BounceConfig.Mailbox c) {
        return Mailbox.sessionProperties(c.host(), c.port(), c.security(), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
}
