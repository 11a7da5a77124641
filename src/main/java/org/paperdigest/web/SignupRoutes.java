package org.paperdigest.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.paperdigest.catalog.CurrentCatalog;
import org.paperdigest.membership.AddressLimit;
import org.paperdigest.membership.Channel;
import org.paperdigest.membership.DigestSchedule;
import org.paperdigest.membership.Membership;
import org.paperdigest.membership.Membership.Request;
import org.paperdigest.membership.RequestLimit;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.InvalidEmailException;
import org.paperdigest.subscribers.LinkSigner.Purpose;
import org.paperdigest.subscribers.Names;
import org.paperdigest.subscribers.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribe page, the form's answer and the confirmation link: {@code GET /}, {@code POST /subscribe},
 * {@code GET /confirm} (a page with one button) and {@code POST /confirm} (the button).
 */
final class SignupRoutes {
    private static final Logger log = LoggerFactory.getLogger(SignupRoutes.class);

    private final Pages pages;
    private final Membership membership;
    private final CurrentCatalog catalog;
    private final DigestSchedule schedule;
    private final Clock clock;
    private final RequestLimit perClient;
    private final ClientAddress clients;
    private final Background background;
    private final String fromAddress;

    SignupRoutes(Pages pages, Membership membership, CurrentCatalog catalog, DigestSchedule schedule, Clock clock,
            RequestLimit perClient, ClientAddress clients, Background background, String fromAddress) {
        this.pages = pages;
        this.membership = membership;
        this.catalog = catalog;
        this.schedule = schedule;
        this.clock = clock;
        this.perClient = perClient;
        this.clients = clients;
        this.background = background;
        this.fromAddress = fromAddress;
    }

    record IndexView(SubscribeForm form, String message, String nextIssue, List<PaperLine> papers, int paperCount) {}

    record PaperLine(String id, String title, String venue) {}

    record CheckInboxView(String email, String fromAddress, String window) {}

    record ConfirmedView(String email, String nextIssue, String preferencesUrl) {}

    record LinkProblemView(String heading, String explanation, boolean offerForm, SubscribeForm form, String message) {}

    void index(Context ctx) {
        ctx.html(indexPage(SubscribeForm.empty(topics()), null));
    }

    private String indexPage(SubscribeForm form, String message) {
        List<PaperLine> papers = catalog.now().published().stream().map(p -> new PaperLine(p.id(), p.title(), p.venue())).toList();
        return pages.render(Pages.INDEX, new IndexView(form, message, schedule.describeNext(clock.instant()), papers, papers.size()));
    }

    /**
     * Answers the form. Bad input gets the form back with a message and stores nothing; good input
     * gets the same page whatever the address's state, and the work (store, mail) runs afterwards.
     */
    void subscribe(Context ctx) {
        RequestLimit.Decision decision = perClient.tryAcquire(clients.of(ctx));
        if (!decision.allowed()) {
            long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
            ctx.header("Retry-After", String.valueOf(seconds));
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).html(pages.render(Pages.MESSAGE, new Pages.Message(
                    "Too many requests", "This network has sent the subscribe form too often. Please try again in "
                            + Durations.words(decision.retryAfter()) + ".")));
            return;
        }
        String rawEmail = ctx.formParam("email");
        String name = Names.clean(ctx.formParam("name"));
        List<String> chosen = ctx.formParams("topic");
        Set<String> known = topics();
        String problem = null;
        EmailAddress email = null;
        try {
            email = EmailAddress.parse(rawEmail);
        } catch (InvalidEmailException e) {
            problem = rawEmail == null || rawEmail.isBlank() ? "Please enter your email address."
                    : "That email address " + e.reason() + ". Please check it and try again.";
        }
        if (problem == null) {
            problem = Names.problem(name);
        }
        List<String> topics = new ArrayList<>();
        for (String t : chosen) {
            if (!known.contains(t)) {
                problem = problem != null ? problem : "Please pick topics from the list.";
            } else if (!topics.contains(t)) {
                topics.add(t);
            }
        }
        if (problem != null) {
            SubscribeForm form = SubscribeForm.filled(trimmed(rawEmail), name, known, topics);
            ctx.status(HttpStatus.BAD_REQUEST).html(indexPage(form, problem));
            return;
        }
        String website = ctx.formParam("website");
        if (website != null && !website.isBlank()) {
            log.info("Ignored a subscribe request that filled the hidden field (a bot)");
        } else {
            Request request = Request.fromWeb(email, name, topics);
            background.submit("subscribe request for " + email, () -> membership.request(request));
        }
        ctx.html(pages.render(Pages.CHECK_INBOX, new CheckInboxView(email.value(), fromAddress,
                Durations.words(AddressLimit.WINDOW))));
    }

    record ConfirmView(String email, String token) {}

    /**
     * Shows the confirmation page with one button; a GET changes nothing, because mail security
     * gateways follow every link in a mail and must not complete a double opt-in by themselves.
     */
    void confirmPage(Context ctx) {
        String token = ctx.queryParam("token");
        Membership.Confirmed check = membership.checkConfirmation(token);
        if (check instanceof Membership.Ready ready) {
            ctx.html(pages.render(Pages.CONFIRM, new ConfirmView(ready.subscriber().email(), token)));
        } else if (check instanceof Membership.AlreadyActive a) {
            ctx.html(confirmedPage(a.subscriber()));
        } else {
            linkProblem(ctx, check);
        }
    }

    /** Confirms (the button of {@link #confirmPage}). */
    void confirm(Context ctx) {
        Membership.Confirmed result = membership.confirm(ctx.queryParam("token"), Channel.WEB);
        if (result instanceof Membership.Activated a) {
            background.submit("welcome mail for " + a.subscriber().email(), () -> membership.welcome(a.subscriber(), Channel.WEB));
            ctx.html(confirmedPage(a.subscriber()));
        } else if (result instanceof Membership.AlreadyActive a) {
            ctx.html(confirmedPage(a.subscriber()));
        } else {
            linkProblem(ctx, result);
        }
    }

    private void linkProblem(Context ctx, Membership.Confirmed result) {
        if (result instanceof Membership.ExpiredLink expired) {
            SubscribeForm form = expired.subscriber()
                    .map(s -> SubscribeForm.resend(s.email(), s.name(), topics(), s.topics()))
                    .orElse(SubscribeForm.empty(topics()));
            ctx.status(HttpStatus.BAD_REQUEST).html(pages.render(Pages.LINK_PROBLEM, new LinkProblemView(
                    "This confirmation link has expired",
                    "Confirmation links work for " + Durations.words(Purpose.CONFIRM.lifetime())
                            + ". Ask for a new one below: it arrives in a minute.", true, form, null)));
        } else if (result instanceof Membership.StaleLink stale) {
            SubscribeForm form = SubscribeForm.resend(stale.subscriber().email(), null, topics(), List.of());
            ctx.status(HttpStatus.BAD_REQUEST).html(pages.render(Pages.LINK_PROBLEM, new LinkProblemView(
                    "This link is no longer valid",
                    "It belongs to an earlier request, or the address left the list after it was sent."
                            + " Ask for a new one below: it arrives in a minute.", true, form, null)));
        } else {
            ctx.status(HttpStatus.BAD_REQUEST).html(pages.render(Pages.LINK_PROBLEM, new LinkProblemView(
                    "This confirmation link does not work",
                    "It may have been cut short or changed on the way. Enter your address to get a new one.",
                    true, SubscribeForm.empty(topics()), null)));
        }
    }

    private String confirmedPage(Subscriber s) {
        String preferences = "/preferences?token=" + membership.sign(Purpose.PREFERENCES, s.id());
        return pages.render(Pages.CONFIRMED, new ConfirmedView(s.email(), schedule.describeNext(clock.instant()), preferences));
    }

    private Set<String> topics() {
        return catalog.now().topics();
    }

    private static String trimmed(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return t.length() > 254 ? t.substring(0, 254) : t;
    }
}
