package org.paperdigest.membership;

import java.util.List;
import java.util.Optional;
import org.paperdigest.db.DataAccessException;
import org.paperdigest.mail.Letter;
import org.paperdigest.subscribers.Consent;
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
 * mailbox: double opt-in (a request and a confirmation mail with a signed, expiring link bound to
 * that request), confirming, changing preferences and unsubscribing. Every change of status goes
 * through {@link Consent}. A request never changes an active
 * reader's name or topics (only their signed preferences link can), and the mail a request causes
 * is limited per address by {@link AddressLimit}, so nobody can use the list to mail-bomb someone.
 */
public final class Membership {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    private final SubscriberStore store;
    private final Consent consent;
    private final AddressLimit limit;
    private final Notices notices;
    private final Courier courier;
    private final LinkSigner signer;

    public Membership(SubscriberStore store, Consent consent, AddressLimit limit, Notices notices, Courier courier,
            LinkSigner signer) {
        this.store = store;
        this.consent = consent;
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
     * Records a request to join and sends the confirmation, as often as {@link AddressLimit}
     * allows. A new address becomes pending with no profile yet; the name and topics of the
     * request, and the nonce its link is bound to, wait with the request until it is confirmed
     * (see {@link Consent}). A reader who left keeps their status and profile until then; an
     * active one gets a reminder and is left as they are.
     */
    public Requested request(Request request) {
        Subscriber s = applicant(request);
        boolean active = s.status() == SubscriberStatus.ACTIVE;
        Optional<AddressLimit.Slot> slot = limit.claim(request.email());
        if (slot.isEmpty()) {
            log.info("Not mailing {} again so soon (subscribe request by {})", s.email(), request.channel());
            return Requested.THROTTLED;
        }
        Notices.Recipient to = recipient(s);
        Letter letter;
        if (active) {
            letter = notices.alreadySubscribed(to, request.channel(), request.inReplyTo());
        } else {
            // An email command carries no name or topics: the request leaves what the reader chose before.
            boolean web = request.channel() == Channel.WEB;
            String nonce = consent.request(s.id(), web ? (request.name() == null ? "" : request.name()) : null,
                    web ? request.topics() : null, source(request.channel()));
            letter = notices.confirm(to, request.channel(), request.inReplyTo(), nonce);
        }
        if (!courier.send(letter)) {
            limit.release(slot.get());
            return Requested.MAIL_FAILED;
        }
        return active ? Requested.REMINDER_SENT : Requested.CONFIRMATION_SENT;
    }

    private Subscriber applicant(Request r) {
        try {
            return consent.applicant(r.email(), source(r.channel()));
        } catch (DataAccessException e) {
            // Two first requests for one new address raced to insert it: the other one won.
            return consent.applicant(r.email(), source(r.channel()));
        }
    }

    /** What following a confirmation link (or replying to the confirmation mail) did. */
    public sealed interface Confirmed permits Ready, Activated, AlreadyActive, ExpiredLink, StaleLink, BadLink {}

    /** The link is good and not used yet: confirming it would activate the reader (only {@link #checkConfirmation} says this). */
    public record Ready(Subscriber subscriber) implements Confirmed {}

    /** The reader is now active; send them the welcome with {@link #welcome}. */
    public record Activated(Subscriber subscriber) implements Confirmed {}

    /** The reader was active already (the link was followed twice): nothing changed. */
    public record AlreadyActive(Subscriber subscriber) implements Confirmed {}

    /** The link was genuine but too old; {@code subscriber} lets the page offer to resend it. */
    public record ExpiredLink(Optional<Subscriber> subscriber) implements Confirmed {}

    /**
     * The link was genuine but belongs to a request that is no longer open (a newer request
     * replaced it, or the reader left after it was mailed): it confirms nothing.
     */
    public record StaleLink(Subscriber subscriber) implements Confirmed {}

    /** The link was tampered with, made for another purpose, or names nobody. */
    public record BadLink() implements Confirmed {}

    /** Says what confirming this token would do, changing nothing (the page before the button). */
    public Confirmed checkConfirmation(String token) {
        Optional<LinkSigner.Bound> bound = signer.verifyBound(Purpose.CONFIRM, token);
        if (bound.isEmpty()) {
            return new BadLink();
        }
        Optional<Subscriber> s = store.find(bound.get().subscriberId());
        if (bound.get().expired()) {
            return new ExpiredLink(s);
        }
        if (s.isEmpty()) {
            return new BadLink();
        }
        Optional<Consent.OpenRequest> open = consent.openRequest(s.get().id());
        if (open.isEmpty() || !open.get().nonce().equals(bound.get().nonce())) {
            return new StaleLink(s.get());
        }
        return s.get().status() == SubscriberStatus.ACTIVE ? new AlreadyActive(s.get()) : new Ready(s.get());
    }

    /** Activates the subscriber a confirmation token names, if it is bound to their open request. */
    public Confirmed confirm(String token, Channel channel) {
        Optional<LinkSigner.Bound> bound = signer.verifyBound(Purpose.CONFIRM, token);
        if (bound.isEmpty()) {
            return new BadLink();
        }
        if (bound.get().expired()) {
            return new ExpiredLink(store.find(bound.get().subscriberId()));
        }
        Consent.Confirmation result = consent.confirm(bound.get().subscriberId(), bound.get().nonce(), source(channel));
        if (result instanceof Consent.Activated a) {
            log.info("Confirmed {} (subscriber {})", a.subscriber().email(), a.subscriber().id());
            return new Activated(a.subscriber());
        }
        if (result instanceof Consent.AlreadyActive a) {
            return new AlreadyActive(a.subscriber());
        }
        if (result instanceof Consent.Stale stale) {
            log.info("A confirmation link of subscriber {} is no longer valid (its request was replaced or cancelled)",
                    stale.subscriber().id());
            return new StaleLink(stale.subscriber());
        }
        return new BadLink();
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

    /** Unsubscribes a reader who used their signed link (one click); idempotent. Returns whether their status changed. */
    public boolean unsubscribe(Subscriber subscriber) {
        boolean changed = consent.unsubscribe(subscriber.id(), Consent.Source.WEB, "unsubscribe link");
        if (changed) {
            log.info("Unsubscribed {} (subscriber {})", subscriber.email(), subscriber.id());
        }
        return changed;
    }

    /**
     * Unsubscribes the reader a signed unsubscribe token names (the List-Unsubscribe mailto puts it
     * in the subject, the "leave" notice too): the token is the proof, whoever sent the mail. The
     * goodbye goes to the reader's own address when {@code answer}. Empty when the token is not genuine.
     */
    public Optional<Subscriber> unsubscribeByToken(String token, EmailAddress sender, String inReplyTo, boolean answer) {
        Optional<Subscriber> holder = holderEvenIfExpired(Purpose.UNSUBSCRIBE, token);
        holder.ifPresent(s -> {
            if (consent.unsubscribe(s.id(), Consent.Source.EMAIL, "email from " + sender + " with the signed unsubscribe token")) {
                log.info("Unsubscribed {} (subscriber {}) by email", s.email(), s.id());
            }
            if (answer) {
                courier.send(notices.goodbye(recipient(s), inReplyTo));
            }
        });
        return holder;
    }

    /**
     * Answers a bare "unsubscribe" (no signed token, so nothing proves the sender owns the
     * address): a reader on the list gets a mail asking them to confirm (one click or a reply),
     * and nothing changes until then; anyone else gets the goodbye (it reveals nothing: it goes
     * to that mailbox only).
     */
    public boolean askToConfirmLeaving(EmailAddress email, String inReplyTo) {
        Optional<Subscriber> found = store.find(email);
        if (found.isPresent() && !found.get().status().left()) {
            return courier.send(notices.leave(recipient(found.get()), inReplyTo));
        }
        Notices.Recipient to = found.map(Membership::recipient)
                .orElse(new Notices.Recipient(0, email.value(), null, List.of()));
        return courier.send(notices.goodbye(to, inReplyTo));
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

    private static Consent.Source source(Channel channel) {
        return channel == Channel.WEB ? Consent.Source.WEB : Consent.Source.EMAIL;
    }

    private static Notices.Recipient recipient(Subscriber s) {
        return new Notices.Recipient(s.id(), s.email(), s.name(), s.topics());
    }
}
