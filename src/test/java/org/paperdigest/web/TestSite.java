package org.paperdigest.web;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.paperdigest.App;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.Subscriber;
import org.paperdigest.testing.Mails;
import org.paperdigest.testing.TestClock;
import org.paperdigest.testing.TestEnv;

/**
 * A running web server on port 0 over a fresh SQLite database, with mail going to GreenMail, and
 * an HTTP client that follows links the way a mail reader's browser would (links in mail name the
 * public URL; {@link #local} points them at this server).
 */
final class TestSite implements AutoCloseable {
    final TestClock clock;
    final App app;
    final WebServer web;
    private final GreenMailExtension greenMail;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestSite(TestEnv env, TestClock clock, GreenMailExtension greenMail) throws Exception {
        this.clock = clock;
        this.greenMail = greenMail;
        this.app = new App(env.config(), clock);
        this.web = app.webServer();
        web.start();
    }

    /** A site with the default test configuration, the clock on Wednesday 1 July 2026, 10:00 UTC. */
    static TestSite start(Path dir, GreenMailExtension greenMail) throws Exception {
        return start(TestEnv.sqliteIn(dir), greenMail);
    }

    /**
     * A site whose DIGEST_BASE_URL is its own local address, as a browser test needs: a browser
     * sends the page's origin with every form, and forms from another origin are refused.
     */
    static TestSite startOnOwnOrigin(Path dir, GreenMailExtension greenMail) throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        TestEnv env = TestEnv.sqliteIn(dir).set("DIGEST_BASE_URL", "http://127.0.0.1:" + port);
        return new TestSite(env.smtpPort(greenMail.getSmtp().getPort()).set("HTTP_PORT", String.valueOf(port)),
                TestClock.at("2026-07-01T10:00:00Z"), greenMail);
    }

    static TestSite start(TestEnv env, GreenMailExtension greenMail) throws Exception {
        return new TestSite(env.smtpPort(greenMail.getSmtp().getPort()).set("HTTP_PORT", "0"),
                TestClock.at("2026-07-01T10:00:00Z"), greenMail);
    }

    String base() {
        return "http://127.0.0.1:" + web.port();
    }

    /** Points a link from a mail (public URL) at this server, keeping its path and query. */
    String local(String link) {
        URI u = URI.create(link);
        return base() + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(pathOrUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a page, failing with {@link java.net.http.HttpTimeoutException} if no answer comes within {@code timeout}. */
    HttpResponse<String> get(String pathOrUrl, Duration timeout) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(pathOrUrl)).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String pathOrUrl, Map<String, List<String>> fields, String... headers)
            throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> enc(e.getKey()) + "=" + enc(v)))
                .collect(Collectors.joining("&"));
        return post(pathOrUrl, body, headers);
    }

    HttpResponse<String> post(String pathOrUrl, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Follows a confirmation link as a person does: opens the page, then presses its one button. */
    HttpResponse<String> confirm(String pathOrUrl) throws IOException, InterruptedException {
        get(pathOrUrl);
        return post(pathOrUrl, "");
    }

    /** Submits the subscribe form as a browser would. */
    HttpResponse<String> subscribe(String email, String name, String... topics) throws IOException, InterruptedException {
        return postForm("/subscribe", Map.of("email", List.of(email), "name", List.of(name), "topic", List.of(topics)));
    }

    /** Waits until the mail work the requests so far caused is done. */
    void settle() throws Exception {
        web.awaitBackgroundWork();
    }

    /** Waits for {@code count} messages in total and returns those to {@code recipient}. */
    List<MimeMessage> mailTo(String recipient, int count) throws Exception {
        settle();
        greenMail.waitForIncomingEmail(5_000, count);
        return Mails.to(greenMail.getReceivedMessages(), recipient);
    }

    Subscriber subscriber(String email) {
        return app.subscribers().find(EmailAddress.parse(email)).orElseThrow(() -> new AssertionError(email + " is not stored"));
    }

    boolean stored(String email) {
        return app.subscribers().find(EmailAddress.parse(email)).isPresent();
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base() + pathOrUrl);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        web.stop();
        app.close();
    }
}
