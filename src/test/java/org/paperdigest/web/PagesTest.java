package org.paperdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.subscribers.Consent;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.LinkSigner.Purpose;
import org.paperdigest.subscribers.SubscriberStatus;

/** The catalog pages, the feed, the health check and what every answer carries. */
class PagesTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() throws Exception {
        site = TestSite.start(dir, greenMail);
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
    }

    @Test
    void every_page_carries_the_security_headers() throws Exception {
        for (String path : List.of("/", "/papers", "/feed.xml", "/healthz", "/nowhere", "/confirm?token=bad")) {
            HttpResponse<String> r = site.get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'"));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).as("the public URL is https").isPresent();
            assertThat(r.headers().firstValue("Server")).as(path).isEmpty();
        }
    }

    @Test
    void the_subscribe_page_lists_the_topics_and_the_papers() throws Exception {
        HttpResponse<String> r = site.get("/");

        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(r.body()).contains("<label for=\"email\">", "<legend>Topics", "value=\"3d-depth\"", "value=\"vision\"",
                "href=\"/papers#xlnet\"", "Next issue: <strong>Monday 6 July 2026 at 09:00 (UTC)</strong>");
        assertThat(r.body()).doesNotContain("<script");
    }

    @Test
    void the_papers_page_shows_the_catalog_escaped() throws Exception {
        HttpResponse<String> r = site.get("/papers");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"xlnet\"", "Why it matters:", "https://arxiv.org/");
    }

    @Test
    void the_feed_is_atom_with_one_entry_per_paper() throws Exception {
        HttpResponse<String> r = site.get("/feed.xml");

        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
        SyndFeed feed = new SyndFeedInput().build(new StringReader(r.body()));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries()).hasSize(site.app.catalog().papers().size());
        assertThat(feed.getEntries().get(0).getUri()).isEqualTo("https://digest.example.org/papers#" + site.app.catalog().papers().get(0).id());
    }

    @Test
    void healthz_answers_200_when_the_database_answers() throws Exception {
        HttpResponse<String> r = site.get("/healthz");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\",\"database\":\"ok\"}");
    }

    @Test
    void healthz_answers_503_when_the_database_is_gone() throws Exception {
        site.app.database().close();

        assertThat(site.get("/healthz").statusCode()).isEqualTo(503);
    }

    @Test
    void unknown_paths_get_a_404_page() throws Exception {
        HttpResponse<String> r = site.get("/wp-admin");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("Page not found");
    }

    @Test
    void a_name_with_markup_is_shown_escaped_on_the_preferences_page() throws Exception {
        site.app.consent().add(EmailAddress.parse("eve@example.org"), "<script>alert(1)</script>", List.of(), true, Consent.Source.CLI);
        String token = site.app.signer().sign(Purpose.PREFERENCES, site.subscriber("eve@example.org").id());

        HttpResponse<String> r = site.get("/preferences?token=" + token);

        assertThat(r.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }
}
