package org.paperdigest.web;

import io.javalin.Javalin;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.paperdigest.Service;
import org.paperdigest.catalog.CurrentCatalog;
import org.paperdigest.config.DigestConfig;
import org.paperdigest.config.HttpConfig;
import org.paperdigest.db.Database;
import org.paperdigest.delivery.IssueViewer;
import org.paperdigest.membership.DigestSchedule;
import org.paperdigest.membership.Membership;
import org.paperdigest.membership.RequestLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web pages of {@code run}, on Javalin (Jetty): subscribe with double opt-in, confirm,
 * one-click unsubscribe, preferences, the papers page, an Atom feed and a health check. Every
 * answer carries {@link SecurityHeaders}; request bodies are capped at {@link #MAX_BODY_BYTES};
 * the subscribe form is limited per client by {@link #PER_CLIENT} and for everyone together by
 * {@link #EVERYONE}, and each address gets at most one request mail per 10 minutes (see
 * {@link org.paperdigest.membership.AddressLimit}).
 */
public final class WebServer implements Service {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    /** Largest request body accepted (the forms need well under 2 KB). */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Subscribe requests one client (IP address, or IPv6 /64) may make: 5 in a burst, one more every 2 minutes, 20 a day. */
    public static final List<RequestLimit.Rule> PER_CLIENT = List.of(
            new RequestLimit.Rule(5, Duration.ofMinutes(10)), new RequestLimit.Rule(20, Duration.ofDays(1)));
    /** Subscribe requests all clients together may make on one instance: it caps the confirmation mail a botnet can cause. */
    public static final List<RequestLimit.Rule> EVERYONE = List.of(new RequestLimit.Rule(300, Duration.ofHours(1)));
    private static final int MAX_CLIENTS_REMEMBERED = 20_000;

    private final HttpConfig http;
    private final Database database;
    private final Pages pages;
    private final SecurityHeaders headers;
    private final SignupRoutes signup;
    private final MemberRoutes members;
    private final CatalogRoutes catalogRoutes;
    private final IssueViewer viewer;
    private final Background background = new Background();
    private final RequestLimit everyone;
    private final String stylesheet;
    private Javalin app;

    public WebServer(HttpConfig http, DigestConfig digest, CurrentCatalog catalog, Membership membership, DigestSchedule schedule,
            IssueViewer viewer, Database database, Clock clock) {
        this.http = http;
        this.viewer = viewer;
        this.database = database;
        this.pages = new Pages("Paper Digest", catalog.now().title());
        this.headers = new SecurityHeaders("https".equalsIgnoreCase(digest.baseUrl().getScheme()));
        this.everyone = new RequestLimit(clock, 1, EVERYONE);
        RequestLimit perClient = new RequestLimit(clock, MAX_CLIENTS_REMEMBERED, PER_CLIENT);
        this.signup = new SignupRoutes(pages, membership, catalog, schedule, clock, perClient,
                new ClientAddress(http.trustProxy()), background, digest.fromAddress());
        this.members = new MemberRoutes(pages, membership, catalog);
        this.catalogRoutes = new CatalogRoutes(pages, catalog, digest.baseUrl().toString());
        this.stylesheet = resource("web/site.css");
    }

    @Override
    public String name() {
        return "web server";
    }

    @Override
    public synchronized void start() {
        QueuedThreadPool threads = new QueuedThreadPool(32, 4, 60_000);
        threads.setName("web");
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.defaultContentType = "text/html; charset=utf-8";
            config.jetty.threadPool = threads;
            config.jetty.modifyHttpConfiguration(hc -> {
                hc.setSendServerVersion(false);
                hc.setSendXPoweredBy(false);
                hc.setRequestHeaderSize(8 * 1024);
            });
            config.jetty.modifyServer(server -> server.setStopTimeout(5_000));
        });
        app.before(this::guard);
        app.get("/", signup::index);
        app.post("/subscribe", this::subscribe);
        app.get("/confirm", signup::confirm);
        app.get("/unsubscribe", members::unsubscribePage);
        app.post("/unsubscribe", members::unsubscribe);
        app.get("/preferences", members::preferencesPage);
        app.post("/preferences", members::savePreferences);
        app.get("/papers", catalogRoutes::papers);
        app.get("/feed.xml", catalogRoutes::feed);
        app.get("/healthz", this::health);
        app.get("/view/{issue}", this::view);
        app.get("/site.css", this::css);
        app.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, e.getStatus()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            problem(ctx, 500);
        });
        app.error(404, ctx -> problem(ctx, 404));
        app.start(http.port());
        log.info("Web pages on port {}", app.port());
    }

    /** The port the server listens on (the real one when HTTP_PORT is 0). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the web server is not started");
        }
        return app.port();
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (app != null) {
            app.stop();
            app = null;
        }
        background.stop(Duration.ofSeconds(10));
    }

    /** Waits for the mail work queued by requests so far (tests use this). */
    void awaitBackgroundWork() throws Exception {
        background.awaitIdle(Duration.ofSeconds(30));
    }

    private void guard(Context ctx) {
        headers.apply(ctx);
        long length = ctx.req().getContentLengthLong();
        if (length > MAX_BODY_BYTES) {
            throw new ContentTooLargeResponse();
        }
    }

    private void subscribe(Context ctx) {
        RequestLimit.Decision all = everyone.tryAcquire("*");
        if (!all.allowed()) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, all.retryAfter().toSeconds())));
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).html(pages.render(Pages.MESSAGE, new Pages.Message(
                    "We are very busy", "Many people are subscribing right now. Please try again in "
                            + Durations.words(all.retryAfter()) + ".")));
            return;
        }
        signup.subscribe(ctx);
    }

    /**
     * "View in browser": exactly the message that reader got for that issue. The email's own inline
     * styles need a CSP of their own; scripts, forms and framing stay forbidden.
     */
    private void view(Context ctx) {
        IssueViewer.Page page = viewer.view(ctx.pathParam("issue"), ctx.queryParam("token"));
        if (page.status() == 200) {
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:;"
                    + " form-action 'none'; frame-ancestors 'none'; base-uri 'none'");
        }
        ctx.header("Cache-Control", "private, no-store");
        ctx.status(page.status()).html(page.html());
    }

    private void health(Context ctx) {
        boolean up;
        try {
            up = database.withConnection(c -> c.isValid(2));
        } catch (RuntimeException e) {
            log.warn("Health check: the database is unreachable: {}", e.getMessage());
            up = false;
        }
        ctx.contentType("application/json");
        if (up) {
            ctx.result("{\"status\":\"ok\",\"database\":\"ok\"}");
        } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).result("{\"status\":\"unavailable\",\"database\":\"unreachable\"}");
        }
    }

    private void css(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType("text/css; charset=utf-8").result(stylesheet);
    }

    private void problem(Context ctx, int status) {
        Pages.Message m = switch (status) {
            case 404 -> new Pages.Message("Page not found", "There is nothing at this address.");
            case 413 -> new Pages.Message("Too much data", "The form sent more than we accept. Please shorten it and try again.");
            case 400 -> new Pages.Message("Bad request", "We could not read that request.");
            case 405 -> new Pages.Message("Not allowed", "This page does not accept that kind of request.");
            default -> status >= 500
                    ? new Pages.Message("Something went wrong", "Sorry: we could not handle that just now. Please try again in a minute.")
                    : new Pages.Message("Request refused", "We could not handle that request.");
        };
        ctx.status(status).html(pages.render(Pages.MESSAGE, m));
    }

    private static String resource(String name) {
        try (InputStream in = WebServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
