package org.paperdigest.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.paperdigest.catalog.CurrentCatalog;
import org.paperdigest.membership.Membership;
import org.paperdigest.subscribers.LinkSigner.Purpose;
import org.paperdigest.subscribers.Names;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.subscribers.SubscriberStatus;

/**
 * The pages a subscriber reaches with a signed link: {@code /unsubscribe} (a page with one
 * button, and the RFC 8058 one-click POST) and {@code /preferences} (name and topics).
 */
final class MemberRoutes {
    private final Pages pages;
    private final Membership membership;
    private final CurrentCatalog catalog;

    MemberRoutes(Pages pages, Membership membership, CurrentCatalog catalog) {
        this.pages = pages;
        this.membership = membership;
        this.catalog = catalog;
    }

    record UnsubscribeView(String email, String token, boolean alreadyOut, String preferencesUrl) {}

    record UnsubscribedView(String email) {}

    record PreferencesView(String email, String statusLine, String token, String name,
            List<SubscribeForm.TopicChoice> topics, boolean saved, String message, String unsubscribeUrl) {}

    /** Shows the one-button page; a GET never unsubscribes (mail scanners follow links). */
    void unsubscribePage(Context ctx) {
        String token = ctx.queryParam("token");
        Optional<Subscriber> holder = membership.holderEvenIfExpired(Purpose.UNSUBSCRIBE, token);
        if (holder.isEmpty()) {
            badLink(ctx, "This unsubscribe link does not work",
                    "It may have been cut short or changed on the way. Use the Unsubscribe link at the bottom of a recent digest.");
            return;
        }
        Subscriber s = holder.get();
        boolean out = s.status().left();
        ctx.html(pages.render(Pages.UNSUBSCRIBE, new UnsubscribeView(s.email(), token, out,
                "/preferences?token=" + membership.sign(Purpose.PREFERENCES, s.id()))));
    }

    /**
     * Unsubscribes (RFC 8058 one-click): the token alone decides, whatever the body; no cookie, no
     * login; doing it twice answers the same 200.
     */
    void unsubscribe(Context ctx) {
        Optional<Subscriber> holder = membership.holderEvenIfExpired(Purpose.UNSUBSCRIBE, ctx.queryParam("token"));
        if (holder.isEmpty()) {
            badLink(ctx, "This unsubscribe link does not work",
                    "It may have been cut short or changed on the way. Use the Unsubscribe link at the bottom of a recent digest.");
            return;
        }
        membership.unsubscribe(holder.get());
        ctx.html(pages.render(Pages.UNSUBSCRIBED, new UnsubscribedView(holder.get().email())));
    }

    void preferencesPage(Context ctx) {
        String token = ctx.queryParam("token");
        Optional<Subscriber> holder = preferencesHolder(ctx, token);
        holder.ifPresent(s -> ctx.html(preferencesPage(s, token, s.name(), s.topics(), false, null)));
    }

    void savePreferences(Context ctx) {
        String token = ctx.queryParam("token");
        Optional<Subscriber> holder = preferencesHolder(ctx, token);
        if (holder.isEmpty()) {
            return;
        }
        String name = Names.clean(ctx.formParam("name"));
        Set<String> known = catalog.now().topics();
        List<String> topics = new ArrayList<>();
        boolean unknown = false;
        for (String t : ctx.formParams("topic")) {
            if (!known.contains(t)) {
                unknown = true;
            } else if (!topics.contains(t)) {
                topics.add(t);
            }
        }
        if (unknown) {
            ctx.status(HttpStatus.BAD_REQUEST).html(preferencesPage(holder.get(), token, name, topics, false,
                    "Please pick topics from the list. Nothing was saved."));
            return;
        }
        Subscriber updated = membership.updatePreferences(holder.get(), name, topics);
        ctx.html(preferencesPage(updated, token, updated.name(), updated.topics(), true, null));
    }

    private Optional<Subscriber> preferencesHolder(Context ctx, String token) {
        Optional<Subscriber> holder = membership.holder(Purpose.PREFERENCES, token);
        if (holder.isEmpty()) {
            if (membership.expired(Purpose.PREFERENCES, token)) {
                badLink(ctx, "This preferences link has expired",
                        "Preferences links work for a while only. Use the Preferences link in your latest digest.");
            } else {
                badLink(ctx, "This preferences link does not work",
                        "It may have been cut short or changed on the way. Use the Preferences link in your latest digest.");
            }
        }
        return holder;
    }

    private String preferencesPage(Subscriber s, String token, String name, List<String> topics, boolean saved, String message) {
        String status = switch (s.status()) {
            case ACTIVE -> "You are subscribed.";
            case PENDING -> "Your subscription waits for you to click the link in the confirmation email.";
            case UNSUBSCRIBED, BOUNCED, COMPLAINED -> "You are not subscribed at the moment: you get no digests.";
        };
        return pages.render(Pages.PREFERENCES, new PreferencesView(s.email(), status, token, name == null ? "" : name,
                SubscribeForm.choices(catalog.now().topics(), topics), saved, message,
                "/unsubscribe?token=" + membership.sign(Purpose.UNSUBSCRIBE, s.id())));
    }

    private void badLink(Context ctx, String heading, String explanation) {
        ctx.status(HttpStatus.BAD_REQUEST).html(pages.render(Pages.MESSAGE, new Pages.Message(heading, explanation)));
    }
}
