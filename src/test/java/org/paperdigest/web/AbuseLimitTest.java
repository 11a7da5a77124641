package org.paperdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.subscribers.Consent;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.testing.Readers;
import org.paperdigest.testing.TestEnv;

/** The form cannot be used to find out who is subscribed, nor to flood anyone with mail. */
class AbuseLimitTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    TestSite site;

    @AfterEach
    void stop() throws Exception {
        site.close();
    }

    private HttpResponse<String> subscribeFrom(String ip, String email) throws Exception {
        return site.postForm("/subscribe", Map.of("email", List.of(email)), "X-Forwarded-For", "10.0.0.1, " + ip);
    }

    @Test
    void the_answer_is_identical_for_a_new_a_pending_and_an_active_address() throws Exception {
        site = TestSite.start(dir, greenMail);

        HttpResponse<String> whenNew = site.subscribe("ada@example.org", "Ada");
        site.settle();
        HttpResponse<String> whenPending = site.subscribe("ada@example.org", "Ada");
        Readers.confirmOpenRequest(site.app, "ada@example.org");
        HttpResponse<String> whenActive = site.subscribe("ada@example.org", "Ada");
        site.settle();

        assertThat(List.of(whenNew.statusCode(), whenPending.statusCode(), whenActive.statusCode())).containsOnly(200);
        assertThat(whenPending.body()).isEqualTo(whenNew.body());
        assertThat(whenActive.body()).isEqualTo(whenNew.body());
        assertThat(whenActive.headers().map().keySet()).isEqualTo(whenNew.headers().map().keySet());
    }

    @Test
    void an_active_reader_who_subscribes_again_gets_a_note_not_a_change() throws Exception {
        site = TestSite.start(dir, greenMail);
        site.app.consent().add(EmailAddress.parse("bob@example.org"), "Bob", List.of("nlp"), true, Consent.Source.CLI);

        site.subscribe("bob@example.org", "Mallory", "vision");

        assertThat(org.paperdigest.testing.Mails.subject(site.mailTo("bob@example.org", 1).get(0)))
                .isEqualTo("You are already subscribed to Paper Digest");
        assertThat(site.subscriber("bob@example.org").name()).isEqualTo("Bob");
        assertThat(site.subscriber("bob@example.org").topics()).containsExactly("nlp");
    }

    @Test
    void an_address_gets_at_most_one_confirmation_mail_per_10_minutes() throws Exception {
        site = TestSite.start(TestEnv.sqliteIn(dir).set("HTTP_TRUSTED_PROXIES", "127.0.0.1"), greenMail);

        subscribeFrom("192.0.2.1", "ada@example.org");
        subscribeFrom("192.0.2.2", "ada@example.org");
        subscribeFrom("192.0.2.3", "ADA@example.org");
        site.settle();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);

        site.clock.advance(Duration.ofMinutes(9));
        subscribeFrom("192.0.2.4", "ada@example.org");
        site.settle();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);

        site.clock.advance(Duration.ofMinutes(1));
        subscribeFrom("192.0.2.5", "ada@example.org");
        assertThat(site.mailTo("ada@example.org", 2)).hasSize(2);
    }

    @Test
    void one_client_may_send_the_form_5_times_then_gets_429_with_retry_after() throws Exception {
        site = TestSite.start(TestEnv.sqliteIn(dir).set("HTTP_TRUSTED_PROXIES", "127.0.0.1"), greenMail);

        for (int i = 1; i <= 5; i++) {
            assertThat(subscribeFrom("198.51.100.7", "reader" + i + "@example.org").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> sixth = subscribeFrom("198.51.100.7", "reader6@example.org");

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).hasValue("120");
        assertThat(sixth.body()).contains("Too many requests", "2 minutes");
        assertThat(subscribeFrom("198.51.100.8", "reader7@example.org").statusCode()).as("another client").isEqualTo(200);
        site.settle();
        assertThat(site.stored("reader6@example.org")).isFalse();

        site.clock.advance(Duration.ofMinutes(2));
        assertThat(subscribeFrom("198.51.100.7", "reader8@example.org").statusCode()).isEqualTo(200);
    }

    @Test
    void without_a_trusted_proxy_a_forged_forwarded_for_does_not_reset_the_limit() throws Exception {
        site = TestSite.start(dir, greenMail);

        for (int i = 1; i <= 5; i++) {
            subscribeFrom("203.0.113." + i, "reader" + i + "@example.org");
        }

        assertThat(subscribeFrom("203.0.113.99", "reader6@example.org").statusCode()).isEqualTo(429);
    }

    @Test
    void an_invalid_address_gets_the_form_again_with_a_message_and_nothing_is_stored() throws Exception {
        site = TestSite.start(dir, greenMail);

        HttpResponse<String> response = site.subscribe("ada@example", "<b>Ada</b>", "nlp");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("That email address has no dot in its domain", "aria-invalid=\"true\"",
                "value=\"ada@example\"", "value=\"&lt;b&gt;Ada&lt;/b&gt;\"", "value=\"nlp\" checked");
        site.settle();
        assertThat(site.app.subscribers().countByStatus().values()).containsOnly(0L);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void an_empty_address_and_an_unknown_topic_are_refused() throws Exception {
        site = TestSite.start(dir, greenMail);

        assertThat(site.subscribe("", "").body()).contains("Please enter your email address.");
        HttpResponse<String> badTopic = site.subscribe("ada@example.org", "", "astrology");
        assertThat(badTopic.statusCode()).isEqualTo(400);
        assertThat(badTopic.body()).contains("Please pick topics from the list.");
        site.settle();
        assertThat(site.stored("ada@example.org")).isFalse();
    }

    @Test
    void a_filled_hidden_field_looks_accepted_but_nothing_happens() throws Exception {
        site = TestSite.start(dir, greenMail);

        HttpResponse<String> response = site.postForm("/subscribe",
                Map.of("email", List.of("ada@example.org"), "website", List.of("http://spam.example")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Check your inbox");
        site.settle();
        assertThat(site.stored("ada@example.org")).isFalse();
    }

    @Test
    void a_body_over_16_kb_gets_413() throws Exception {
        site = TestSite.start(dir, greenMail);

        HttpResponse<String> response = site.post("/subscribe", "email=ada%40example.org&name=" + "x".repeat(20_000));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("Too much data");
        site.settle();
        assertThat(site.stored("ada@example.org")).isFalse();
    }

    @Test
    void a_flood_from_one_client_does_not_shut_the_form_for_everyone_else() throws Exception {
        site = TestSite.start(TestEnv.sqliteIn(dir).set("HTTP_TRUSTED_PROXIES", "127.0.0.1"), greenMail);

        for (int i = 0; i < 300; i++) {
            subscribeFrom("198.51.100.66", "victim@example.org");
        }
        HttpResponse<String> someoneElse = subscribeFrom("192.0.2.10", "ada@example.org");

        assertThat(someoneElse.statusCode()).isEqualTo(200);
        assertThat(site.mailTo("ada@example.org", 2)).hasSize(1);
        assertThat(site.mailTo("victim@example.org", 2)).hasSize(1);
    }

    @Test
    void behind_a_trusted_proxy_the_client_is_the_hop_the_proxy_added_whatever_lines_the_client_sent() throws Exception {
        site = TestSite.start(TestEnv.sqliteIn(dir).set("HTTP_TRUSTED_PROXIES", "127.0.0.1"), greenMail);

        for (int i = 1; i <= 5; i++) {
            // The client wrote the first line; the proxy appended its own line naming the real peer.
            HttpResponse<String> r = site.postForm("/subscribe", Map.of("email", List.of("reader" + i + "@example.org")),
                    "X-Forwarded-For", "203.0.113." + i, "X-Forwarded-For", "198.51.100.7");
            assertThat(r.statusCode()).isEqualTo(200);
        }
        HttpResponse<String> sixth = site.postForm("/subscribe", Map.of("email", List.of("reader6@example.org")),
                "X-Forwarded-For", "203.0.113.99", "X-Forwarded-For", "198.51.100.7");

        assertThat(sixth.statusCode()).isEqualTo(429);
    }

    @Test
    void a_name_with_a_link_is_refused_at_the_form_with_a_clear_message() throws Exception {
        site = TestSite.start(dir, greenMail);

        HttpResponse<String> response = site.subscribe("victim@example.org", "WIN a $500 gift card, claim at evil.example/x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Please leave web addresses out of your name.");
        site.settle();
        assertThat(site.stored("victim@example.org")).isFalse();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void the_confirmation_mail_neither_greets_by_nor_addresses_the_typed_name() throws Exception {
        site = TestSite.start(dir, greenMail);

        site.subscribe("victim@example.org", "Claim your prize now");

        jakarta.mail.internet.MimeMessage mail = site.mailTo("victim@example.org", 1).get(0);
        assertThat(org.paperdigest.testing.Mails.header(mail, "To")).isEqualTo("victim@example.org");
        assertThat(org.paperdigest.testing.Mails.text(mail)).doesNotContain("prize");
        assertThat(org.paperdigest.testing.Mails.html(mail)).doesNotContain("prize");
        long id = site.subscriber("victim@example.org").id();
        assertThat(site.app.consent().openRequest(id)).as("kept with the request, for after confirming")
                .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("Claim your prize now"));
    }
}
