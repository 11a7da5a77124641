package org.paperdigest.inbound;

import org.paperdigest.mail.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the request mailbox once and carries out each message's command; the scheduler calls {@link #pollOnce()}. */
public final class InboundPoller {
    private static final Logger log = LoggerFactory.getLogger(InboundPoller.class);
    /** Messages handled per poll at most; the rest wait for the next poll. */
    static final int BATCH = 100;

    private final Mailbox mailbox;
    private final MailCommands commands;

    public InboundPoller(Mailbox mailbox, MailCommands commands) {
        this.mailbox = mailbox;
        this.commands = commands;
    }

    /** Handles what is waiting; returns how many messages were handled. */
    public int pollOnce() {
        int handled = mailbox.poll(BATCH, commands::handle);
        if (handled > 0) {
            log.info("Handled {} message(s) in the request mailbox", handled);
        }
        return handled;
    }
}
