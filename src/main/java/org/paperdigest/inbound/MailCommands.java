package org.paperdigest.inbound;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.paperdigest.mail.Received;
import org.paperdigest.membership.Channel;
import org.paperdigest.membership.Membership;
import org.paperdigest.membership.RequestLimit;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.InvalidEmailException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the command in one email to the request address (see {@link CommandReader}): a
 * confirmation or a signed unsubscribe token changes the list whatever the reply budget, a bare
 * "unsubscribe" changes nothing (the sender is asked to confirm), and the answer is sent only while the sender's reply budget
 * lasts ({@link #REPLIES_PER_SENDER}), and confirmation mails also obey the per-address limit.
 * So a forged sender cannot turn the mailbox into a way to flood someone.
 */
public final class MailCommands {
    private static final Logger log = LoggerFactory.getLogger(MailCommands.class);

    /** Answers one sender may get: 3 in a burst, then one every 20 minutes, at most 10 a day. */
    public static final List<RequestLimit.Rule> REPLIES_PER_SENDER = List.of(
            new RequestLimit.Rule(3, Duration.ofHours(1)), new RequestLimit.Rule(10, Duration.ofDays(1)));

    private final Membership membership;
    private final CommandReader reader;
    private final RequestLimit replies;

    public MailCommands(Membership membership, Set<String> ownAddresses, RequestLimit replies) {
        this.membership = membership;
        this.reader = new CommandReader(ownAddresses);
        this.replies = replies;
    }

    /** Handles one message; returns a short description of what was done, for logs and tests. */
    public String handle(Received message) {
        Command command = reader.read(message);
        if (command instanceof Command.Ignore ignore) {
            log.info("Ignored message {} from '{}': {}", message.messageId(), message.from(), ignore.reason());
            return "ignored: " + ignore.reason();
        }
        EmailAddress sender;
        try {
            sender = EmailAddress.parse(message.from());
        } catch (InvalidEmailException e) {
            log.info("Ignored message {}: the sender {}", message.messageId(), e.getMessage());
            return "ignored: bad sender";
        }
        String inReplyTo = message.messageId().isEmpty() ? null : message.messageId();
        boolean mayReply = replies.tryAcquire(sender.key()).allowed();
        if (!mayReply) {
            log.info("Not answering {} again so soon", sender);
        }
        String done = execute(command, sender, inReplyTo, mayReply);
        log.info("Email command from {}: {}", sender, done);
        return done;
    }

    private String execute(Command command, EmailAddress sender, String inReplyTo, boolean mayReply) {
        if (command instanceof Command.Subscribe) {
            if (!mayReply) {
                return "subscribe: not answered (reply limit)";
            }
            return "subscribe: " + membership.request(Membership.Request.fromEmail(sender, inReplyTo));
        }
        if (command instanceof Command.Unsubscribe unsubscribe) {
            if (unsubscribe.token() != null) {
                var holder = membership.unsubscribeByToken(unsubscribe.token(), sender, inReplyTo, mayReply);
                if (holder.isPresent()) {
                    return "unsubscribe: " + holder.get().email() + " by signed token" + (mayReply ? ", answered" : ", not answered (reply limit)");
                }
            }
            // No (genuine) token: nothing proves the sender owns the address, so ask them first.
            if (!mayReply) {
                return "unsubscribe: no token, not answered (reply limit); nothing changed";
            }
            return "unsubscribe: no token, asked to confirm " + (membership.askToConfirmLeaving(sender, inReplyTo) ? "(sent)" : "(failed)");
        }
        if (command instanceof Command.Confirm confirm) {
            return confirm(confirm.token(), sender, inReplyTo, mayReply);
        }
        if (!mayReply) {
            return "help: not answered (reply limit)";
        }
        return "help: " + (membership.help(sender, inReplyTo) ? "answered" : "answer failed");
    }

    private String confirm(String token, EmailAddress sender, String inReplyTo, boolean mayReply) {
        Membership.Confirmed result = membership.confirm(token, Channel.EMAIL);
        if (result instanceof Membership.Activated a) {
            boolean sent = mayReply && membership.welcome(a.subscriber(), Channel.EMAIL);
            return "confirmed " + a.subscriber().email() + (sent ? ", welcomed" : "");
        }
        if (result instanceof Membership.AlreadyActive a) {
            return "confirm: " + a.subscriber().email() + " was active already";
        }
        if (result instanceof Membership.StaleLink) {
            return "confirm: the token belongs to a request that is no longer open; nothing changed";
        }
        if (result instanceof Membership.ExpiredLink expired && expired.subscriber().isPresent() && mayReply) {
            EmailAddress holder = EmailAddress.parse(expired.subscriber().get().email());
            return "confirm: expired token, " + membership.request(Membership.Request.fromEmail(holder, inReplyTo));
        }
        if (!mayReply) {
            return "confirm: bad or expired token, not answered (reply limit)";
        }
        return "confirm: bad token, help " + (membership.help(sender, inReplyTo) ? "answered" : "answer failed");
    }
}
