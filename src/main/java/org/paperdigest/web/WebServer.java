package org.paperdigest.web;

import io.javalin.Javalin;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
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
 * answer carries {@link SecurityHeaders}. Request bodies are read in full by {@link BodyGate}
 * (capped at {@link #MAX_BODY_BYTES}, within {@link #BODY_DEADLINE}) before a worker thread sees
 * them, and one client holds at most {@link #MAX_CONNECTIONS_PER_CLIENT} connections. The
 * subscribe form is limited per client by {@link #PER_CLIENT} first; a request that passes may
 * cause a mail only as {@link org.paperdigest.membership.AddressLimit} allows (3 a day per
 * address, backing off, and the instance's hourly budget, shared with the request mailbox).
 */
public final class WebServer implements Service {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    /** Largest request body accepted (the forms need well under 2 KB). */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Subscribe requests one client (IP address, or IPv6 /64) may make: 5 in a burst, one more every 2 minutes, 20 a day. */
    public static final List<RequestLimit.Rule> PER_CLIENT = List.of(
            new RequestLimit.Rule(5, Duration.ofMinutes(10)), new RequestLimit.Rule(20, Duration.ofDays(1)));
    private static final int MAX_CLIENTS_REMEMBERED = 20_000;
    /** Time a client has to send a whole request body; a slow one is answered 408 and costs no thread meanwhile. */
    public static final Duration BODY_DEADLINE = Duration.ofSeconds(10);
    /** Slowest a body may arrive once it has started (bytes per second), as Jetty measures it. */
    public static final int MIN_BODY_BYTES_PER_SECOND = 128;
    /** Connections one client (IP address, or IPv6 /64) may hold open at once; browsers use six at most. */
    public static final int MAX_CONNECTIONS_PER_CLIENT = 20;
    /** A connection with nothing to say is closed after this long. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);
    /** Fields a form may carry (the subscribe form has a dozen). */
    private static final int MAX_FORM_KEYS = 100;

    private final HttpConfig http;
    private final Database database;
    private final Pages pages;
    private final SecurityHeaders headers;
    private final SignupRoutes signup;
    private final MemberRoutes members;
    private final CatalogRoutes catalogRoutes;
    private final IssueViewer viewer;
    private final Background background = new Background();
    private final ClientAddress clients;
    private final CrossSiteGuard crossSite;
    private final String stylesheet;
    private Javalin app;

    public WebServer(HttpConfig http, DigestConfig digest, CurrentCatalog catalog, Membership membership, DigestSchedule schedule,
            IssueViewer viewer, Database database, Clock clock) {
        this.http = http;
        this.viewer = viewer;
        this.database = database;
        this.pages = new Pages("Paper Digest", catalog.now().title());
        this.headers = new SecurityHeaders("https".equalsIgnoreCase(digest.baseUrl().getScheme()));
        RequestLimit perClient = new RequestLimit(clock, MAX_CLIENTS_REMEMBERED, PER_CLIENT);
        this.clients = new ClientAddress(http);
        this.crossSite = new CrossSiteGuard(digest.baseUrl());
        this.signup = new SignupRoutes(pages, membership, catalog, schedule, clock, perClient,
                clients, background, digest.fromAddress());
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
                hc.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
            });
            config.jetty.addConnector((server, hc) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(hc));
                connector.setHost(http.host());
                connector.setPort(http.port());
                connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                connector.addBean(new ConnectionCap(MAX_CONNECTIONS_PER_CLIENT, clients));
                return connector;
            });
            config.jetty.modifyServletContextHandler(context -> {
                context.setMaxFormContentSize(MAX_BODY_BYTES);
                context.setMaxFormKeys(MAX_FORM_KEYS);
                FilterHolder gate = new FilterHolder(new BodyGate(MAX_BODY_BYTES, BODY_DEADLINE));
                gate.setAsyncSupported(true);
                context.addFilter(gate, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            });
            config.jetty.modifyServer(server -> server.setStopTimeout(5_000));
        });
        app.before(this::guard);
        // State-changing forms; POST /unsubscribe is left out: RFC 8058 one-click posts come from mail systems.
        app.before("/subscribe", this::sameSite);
        app.before("/preferences", this::sameSite);
        app.before("/confirm", this::sameSite);
        app.get("/", signup::index);
        app.post("/subscribe", signup::subscribe);
        app.get("/confirm", signup::confirmPage);
        app.post("/confirm", signup::confirm);
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
        app.start();
        log.info("Web pages on {} port {}", http.host(), app.port());
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
        int refused = BodyGate.refusal(ctx.req());
        if (refused == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
            throw new ContentTooLargeResponse();
        }
        if (refused != 0) {
            throw new HttpResponseException(refused);
        }
    }

    private void sameSite(Context ctx) {
        if (ctx.method() == HandlerType.POST && crossSite.refuses(ctx)) {
            log.info("Refused a {} {} sent from another site (Origin {}, Sec-Fetch-Site {})", ctx.method(), ctx.path(),
                    ctx.header("Origin"), ctx.header("Sec-Fetch-Site"));
            throw new HttpResponseException(HttpStatus.FORBIDDEN.getCode());
        }
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
            case 403 -> new Pages.Message("Sent from another site",
                    "This form can only be sent from our own pages. Please open the page and send it from there.");
            case 408 -> new Pages.Message("Too slow", "The form took too long to arrive. Please try again.");
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
