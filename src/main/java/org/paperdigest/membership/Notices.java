package org.paperdigest.membership;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.paperdigest.config.DigestConfig;
import org.paperdigest.mail.Letter;
import org.paperdigest.render.NoticeRenderer;
import org.paperdigest.render.NoticeRenderer.Kind;
import org.paperdigest.render.NoticeView;
import org.paperdigest.render.RenderedEmail;
import org.paperdigest.subscribers.LinkSigner;
import org.paperdigest.subscribers.LinkSigner.Purpose;

/**
 * Writes the letters a reader gets when joining or leaving: the view the notice templates see
 * (signed links, when the next issue goes out) and the letter around it. Transactional mail has no
 * List-Unsubscribe; it says in its footer why it was sent. It carries {@code Auto-Submitted} so
 * vacation responders do not answer it, and Reply-To is the request mailbox when email commands
 * are on, so "reply to confirm" works.
 */
public final class Notices {
    static final String LIST_NAME = "Paper Digest";

    private final NoticeRenderer renderer;
    private final DigestConfig config;
    private final String listTitle;
    private final LinkSigner signer;
    private final DigestSchedule schedule;
    private final Clock clock;
    private final boolean emailCommands;
    private final String base;

    public Notices(NoticeRenderer renderer, DigestConfig config, String listTitle, LinkSigner signer,
            DigestSchedule schedule, Clock clock, boolean emailCommands) {
        this.renderer = renderer;
        this.config = config;
        this.listTitle = listTitle;
        this.signer = signer;
        this.schedule = schedule;
        this.clock = clock;
        this.emailCommands = emailCommands;
        this.base = config.baseUrl().toString();
    }

    /** Who a notice goes to. {@code id} 0: not on the list (a help reply to a stranger). */
    record Recipient(long id, String email, String name, List<String> topics) {
        /** The same recipient without a name: for mail an unconfirmed request causes. */
        Recipient nameless() {
            return new Recipient(id, email, null, topics);
        }
    }

    /**
     * Builds the confirmation request with its signed link, bound to the request's {@code nonce};
     * its subject carries the token for confirm-by-reply. It neither greets by nor is addressed to
     * the name given with the request: a stranger typed it, and it would go to any address from
     * the list's own domain.
     */
    Letter confirm(Recipient requester, Channel channel, String inReplyTo, String nonce) {
        Recipient to = requester.nameless();
        String token = signer.signBound(Purpose.CONFIRM, to.id(), nonce);
        NoticeView view = view(to, base + "/confirm?token=" + token, token, true);
        return letter(Kind.CONFIRM, to, view, channel, inReplyTo);
    }

    Letter welcome(Recipient to, Channel channel) {
        return letter(Kind.WELCOME, to, view(to, null, null, true), channel, null);
    }

    Letter alreadySubscribed(Recipient to, Channel channel, String inReplyTo) {
        return letter(Kind.ALREADY_SUBSCRIBED, to, view(to, null, null, true), channel, inReplyTo);
    }

    Letter goodbye(Recipient to, String inReplyTo) {
        return letter(Kind.GOODBYE, to, view(to, null, null, false), Channel.EMAIL, inReplyTo);
    }

    /**
     * Asks a reader who sent a bare "unsubscribe" to confirm it: the one-click page, or a reply
     * whose subject keeps the signed unsubscribe token.
     */
    Letter leave(Recipient to, String inReplyTo) {
        String token = signer.sign(Purpose.UNSUBSCRIBE, to.id());
        NoticeView view = view(to, base + "/unsubscribe?token=" + token, token, false);
        return letter(Kind.LEAVE, to, view, Channel.EMAIL, inReplyTo);
    }

    Letter help(Recipient to, String inReplyTo) {
        return letter(Kind.HELP, to.nameless(), view(to.nameless(), null, null, false), Channel.EMAIL, inReplyTo);
    }

    /** Builds what the notice templates see for one recipient; {@code links} adds their signed preferences and unsubscribe links. */
    NoticeView view(Recipient to, String confirmUrl, String confirmToken, boolean links) {
        boolean signed = links && to.id() > 0;
        return new NoticeView(LIST_NAME, listTitle,
                to.name() == null || to.name().isBlank() ? "there" : to.name(),
                to.email(), to.topics(), confirmUrl, confirmToken, days(Purpose.CONFIRM),
                signed ? link("/preferences", Purpose.PREFERENCES, to.id()) : null,
                signed ? link("/unsubscribe", Purpose.UNSUBSCRIBE, to.id()) : null,
                base + "/", base + "/papers", schedule.describeNext(clock.instant()),
                config.requestAddress(), config.fromAddress(), emailCommands);
    }

    private Letter letter(Kind kind, Recipient to, NoticeView view, Channel channel, String inReplyTo) {
        RenderedEmail email = renderer.render(kind, view);
        Map<String, String> headers = new HashMap<>();
        headers.put("Auto-Submitted", channel.autoSubmitted());
        if (inReplyTo != null && inReplyTo.matches("<[^<>\\s]+>")) {
            headers.put("In-Reply-To", inReplyTo);
            headers.put("References", inReplyTo);
        }
        String replyTo = emailCommands ? config.requestAddress() : config.replyTo();
        String messageId = "<" + kind.fileName() + "." + to.id() + "." + UUID.randomUUID() + "@" + config.fromDomain() + ">";
        return new Letter(config.from(), replyTo, to.email(), to.name(), email.subject(), email.text(), email.html(),
                messageId, clock.instant(), null, null, null, null, headers);
    }

    private String link(String path, Purpose purpose, long id) {
        return base + path + "?token=" + signer.sign(purpose, id);
    }

    private static String days(Purpose purpose) {
        long days = purpose.lifetime().toDays();
        return days == 1 ? "1 day" : days + " days";
    }
}
