package org.paperdigest.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;

/** One open SMTP session, used by one thread for many messages in a row. */
public final class MailConnection implements AutoCloseable {
    private final SmtpSession session;
    private final MimeBuilder mime;
    private int sent;
    private boolean broken;

    MailConnection(SmtpSession session, MimeBuilder mime) {
        this.session = session;
        this.mime = mime;
    }

    /** Sends one letter and says what happened; never throws for SMTP-level failures. */
    public SendResult send(Letter letter) {
        return send(letter, () -> { });
    }

    /**
     * Sends one letter, running {@code beforeContent} once the server is ready for the message and
     * before any of it goes out (see {@link SmtpSession#send}); says what happened, and never throws
     * for SMTP-level failures. What {@code beforeContent} throws is passed on, the letter unsent and
     * this connection no longer usable.
     */
    public SendResult send(Letter letter, Runnable beforeContent) {
        WireMessage message = mime.wire(letter);
        SmtpReply reply;
        try {
            reply = session.send(envelopeFrom(letter), letter.to(), message, beforeContent);
        } catch (RuntimeException e) {
            broken = true;
            throw e;
        } catch (IOException e) {
            broken = true;
            // A server that closes with a reply ("421 4.7.0 Too many messages") has said why: keep its words.
            SmtpReply last = session.lastWords();
            if (last != null && !last.positive()) {
                return judge(last);
            }
            return new SendResult.Retry(e.getClass().getSimpleName() + " " + e.getMessage(), null, true);
        }
        if (reply.code() == 250) {
            sent++;
            return new SendResult.Sent(letter.messageId());
        }
        return judge(reply);
    }

    /** What a refusal means, by the step it answered (RFC 5321 section 4.2.1 and RFC 3463). */
    private SendResult judge(SmtpReply reply) {
        String status = reply.enhancedStatus();
        if (!reply.permanent()) {
            // 421: the server is closing the connection; other 4xx leave it usable.
            broken = broken || reply.code() == 421;
            if (sessionLimit(reply, status)) {
                // Not the reader's fault: this connection is done; the next one will do.
                broken = true;
                return new SendResult.Retry(reply.toString(), status, true, true);
            }
            return new SendResult.Retry(reply.toString(), status, broken);
        }
        return switch (reply.stage()) {
            // The sender or the whole transaction is refused: every message would be.
            case MAIL, DATA, SESSION -> new SendResult.Stop(reply.toString());
            case RCPT -> new SendResult.Failed(reply.toString(), status, true);
            case MESSAGE -> new SendResult.Failed(reply.toString(), status, status != null && status.startsWith("5.1."));
        };
    }

    /**
     * Whether a temporary refusal is a limit of this session rather than of the message or the
     * reader: a 421 once messages went through on this connection (the server ends sessions after
     * so many), a 452 4.5.3 (too many recipients), or a reply that says "too many" of them. A 421
     * before any message on the connection is the server going away, an ordinary retry.
     */
    private boolean sessionLimit(SmtpReply reply, String status) {
        String text = reply.text().toLowerCase(java.util.Locale.ROOT);
        boolean tooMany = text.contains("too many messages") || text.contains("too many recipients")
                || text.contains("too many mails");
        if (reply.code() == 421) {
            return sent > 0;
        }
        return "4.5.3".equals(status) || (reply.code() == 452 && tooMany) || (tooMany && sent > 0);
    }

    /** The last From header and the address in it: every letter of a run has the same. */
    private static volatile String[] lastFrom = {null, null};

    private static String envelopeFrom(Letter letter) {
        if (letter.bounceAddress() != null) {
            return letter.bounceAddress();
        }
        String[] last = lastFrom;
        if (letter.from().equals(last[0])) {
            return last[1];
        }
        try {
            String address = new InternetAddress(letter.from(), true).getAddress();
            lastFrom = new String[] {letter.from(), address};
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("Bad sender address '" + letter.from() + "': " + e.getMessage(), e);
        }
    }

    /** How many messages this connection has delivered. */
    public int sent() {
        return sent;
    }

    /** False once the connection broke; open a new one. */
    public boolean usable() {
        return !broken;
    }

    @Override
    public void close() {
        session.close();
    }
}
