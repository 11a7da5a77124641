package org.paperdigest.membership;

import java.util.List;
import java.util.Optional;
import org.paperdigest.db.DataAccessException;
import org.paperdigest.mail.Letter;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.LinkSigner;
import org.paperdigest.subscribers.LinkSigner.Purpose;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.subscribers.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joining and leaving the list, the same whether a reader uses the web pages or the request
 * mailbox: double opt-in (a pending subscriber and a confirmation mail with a signed, expiring
 * link), confirming, changing preferences and unsubscribing. A request never changes an active
 * reader's name or topics (only their signed preferences link can), and the mail a request causes
 * is limited per address by {@link AddressLimit}, so nobody can use the list to mail-bomb someone.
 */
public final class Membership {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    private final SubscriberStore store;
    private final AddressLimit limit;
    private final Notices notices;
    private final Courier courier;
    private final LinkSigner signer;

    public Membership(SubscriberStore store, AddressLimit limit, Notices notices, Courier courier, LinkSigner signer) {
        this.store = store;
        this.limit = limit;
        this.notices = notices;
        this.courier = courier;
        this.signer = signer;
    }

    /** A request to join. {@code name} may be null; {@code inReplyTo} is the Message-ID of an email command, or null. */
    public record Request(EmailAddress email, String name, List<String> topics, Channel channel, String inReplyTo) {
        public Request {
            topics = List.copyOf(topics);
        }

        public static Request fromWeb(EmailAddress email, String name, List<String> topics) {
            return new Request(email, name, topics, Channel.WEB, null);
        }

        public static Request fromEmail(EmailAddress email, String inReplyTo) {
            return new Request(email, null, List.of(), Channel.EMAIL, inReplyTo);
        }
    }

    /** What a request to join did. Callers must not show the difference to the requester (no list enumeration). */
    public enum Requested {
        /** A confirmation mail went out; the reader is pending. */
        CONFIRMATION_SENT,
        /** The address was already active; a note with its preferences link went out instead. */
        REMINDER_SENT,
        /** The address has had its request mails for now, or the instance's budget is spent: nothing was sent. */
        THROTTLED,
        /** The mail could not be sent; the slot was given back so a retry can send it. */
        MAIL_FAILED
    }

    /**
     * Creates or refreshes a pending subscriber and sends the confirmation, as often as
     * {@link AddressLimit} allows. A pending, unsubscribed or bounced reader takes the
     * name and topics of the request and must confirm again; an active one is left as it is.
     */
    public Requested request(Request request) {
        Subscriber s = pendingFor(request);
        boolean active = s.status() == SubscriberStatus.ACTIVE;
        Optional<AddressLimit.Slot> slot = limit.claim(request.email());
        if (slot.isEmpty()) {
            log.info("Not mailing {} again so soon (subscribe request by {})", s.email(), request.channel());
            return Requested.THROTTLED;
        }
        Notices.Recipient to = recipient(s);
        Letter letter = active ? notices.alreadySubscribed(to, request.channel(), request.inReplyTo())
                : notices.confirm(to, request.channel(), request.inReplyTo());
        if (!courier.send(letter)) {
            limit.release(slot.get());
            return Requested.MAIL_FAILED;
        }
        return active ? Requested.REMINDER_SENT : Requested.CONFIRMATION_SENT;
    }

    private Subscriber pendingFor(Request r) {
        try {
            return pendingOnce(r);
        } catch (DataAccessException e) {
            // Two first requests for one new address raced to insert it: the other one won.
            return pendingOnce(r);
        }
    }

    private Subscriber pendingOnce(Request r) {
        Optional<Subscriber> existing = store.find(r.email());
        if (existing.isEmpty()) {
            store.save(r.email(), r.name(), r.topics(), SubscriberStatus.PENDING, r.channel().source());
        } else {
            Subscriber s = existing.get();
            if (s.status() != SubscriberStatus.ACTIVE) {
                // An email command carries no name or topics: keep what the reader chose before.
                if (r.channel() == Channel.WEB) {
                    store.updateProfile(s.id(), r.name(), r.topics());
                }
                if (s.status() != SubscriberStatus.PENDING) {
                    store.makePending(s.id());
                }
            }
        }
        return store.find(r.email()).orElseThrow(() -> new IllegalStateException(
                "Subscriber " + r.email() + " vanished while handling a subscribe request"));
    }

    /** What following a confirmation link (or replying to the confirmation mail) did. */
    public sealed interface Confirmed permits Activated, AlreadyActive, ExpiredLink, BadLink {}

    /** The reader is now active; send them the welcome with {@link #welcome}. */
    public record Activated(Subscriber subscriber) implements Confirmed {}

    /** The reader was active already (the link was followed twice): nothing changed. */
    public record AlreadyActive(Subscriber subscriber) implements Confirmed {}

    /** The link was genuine but too old; {@code subscriber} lets the page offer to resend it. */
    public record ExpiredLink(Optional<Subscriber> subscriber) implements Confirmed {}

    /** The link was tampered with, made for another purpose, or names nobody. */
    public record BadLink() implements Confirmed {}

    /** Activates the subscriber a confirmation token names. */
    public Confirmed confirm(String token) {
        LinkSigner.Verdict verdict = signer.verify(Purpose.CONFIRM, token);
        if (verdict instanceof LinkSigner.Expired expired) {
            return new ExpiredLink(store.find(expired.subscriberId()));
        }
        if (!(verdict instanceof LinkSigner.Valid valid)) {
            return new BadLink();
        }
        Optional<Subscriber> found = store.find(valid.subscriberId());
        if (found.isEmpty()) {
            return new BadLink();
        }
        if (found.get().status() == SubscriberStatus.ACTIVE) {
            return new AlreadyActive(found.get());
        }
        store.activate(found.get().id());
        Subscriber now = store.find(found.get().id()).orElseThrow();
        log.info("Confirmed {} (subscriber {})", now.email(), now.id());
        return new Activated(now);
    }

    /** Sends the welcome mail to a reader who just confirmed. */
    public boolean welcome(Subscriber subscriber, Channel channel) {
        return courier.send(notices.welcome(recipient(subscriber), channel));
    }

    /** Finds the subscriber a signed link for {@code purpose} names, if the token is valid and they exist. */
    public Optional<Subscriber> holder(Purpose purpose, String token) {
        if (signer.verify(purpose, token) instanceof LinkSigner.Valid valid) {
            return store.find(valid.subscriberId());
        }
        return Optional.empty();
    }

    /** Signs a link token for a subscriber (the pages link to each other with these). */
    public String sign(Purpose purpose, long subscriberId) {
        return signer.sign(purpose, subscriberId);
    }

    /**
     * Finds the subscriber a genuine token names even when it has expired: unsubscribing must keep
     * working from an old digest (RFC 8058 senders expect the link to last).
     */
    public Optional<Subscriber> holderEvenIfExpired(Purpose purpose, String token) {
        LinkSigner.Verdict v = signer.verify(purpose, token);
        if (v instanceof LinkSigner.Valid valid) {
            return store.find(valid.subscriberId());
        }
        if (v instanceof LinkSigner.Expired expired) {
            return store.find(expired.subscriberId());
        }
        return Optional.empty();
    }

    /** Says whether a token for {@code purpose} is genuine but expired (as opposed to tampered with). */
    public boolean expired(Purpose purpose, String token) {
        return signer.verify(purpose, token) instanceof LinkSigner.Expired;
    }

    /** Unsubscribes a reader; idempotent. Returns whether their status changed. */
    public boolean unsubscribe(Subscriber subscriber) {
        boolean changed = store.unsubscribe(subscriber.id());
        if (changed) {
            log.info("Unsubscribed {} (subscriber {})", subscriber.email(), subscriber.id());
        }
        return changed;
    }

    /**
     * Unsubscribes the sender of an email command and tells them so (whether or not the address
     * was on the list: the answer goes to that mailbox only, so it reveals nothing to a forger).
     */
    public boolean unsubscribeByEmail(EmailAddress email, String inReplyTo) {
        Optional<Subscriber> found = store.find(email);
        found.ifPresent(this::unsubscribe);
        Notices.Recipient to = found.map(Membership::recipient)
                .orElse(new Notices.Recipient(0, email.value(), null, List.of()));
        return courier.send(notices.goodbye(to, inReplyTo));
    }

    /** Unsubscribes the sender of an email command without answering (their reply budget is spent). */
    public void unsubscribeQuietly(EmailAddress email) {
        store.find(email).ifPresent(this::unsubscribe);
    }

    /** Answers an email without a command with the list of commands. */
    public boolean help(EmailAddress email, String inReplyTo) {
        Optional<Subscriber> found = store.find(email);
        Notices.Recipient to = new Notices.Recipient(0, email.value(), found.map(Subscriber::name).orElse(null), List.of());
        return courier.send(notices.help(to, inReplyTo));
    }

    /** Changes a reader's name and topics. */
    public Subscriber updatePreferences(Subscriber subscriber, String name, List<String> topics) {
        store.updateProfile(subscriber.id(), name, topics);
        return store.find(subscriber.id()).orElseThrow();
    }

    private static Notices.Recipient recipient(Subscriber s) {
        return new Notices.Recipient(s.id(), s.email(), s.name(), s.topics());
    }
}
