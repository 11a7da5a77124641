package org.paperdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.delivery.DigestComposer;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.testing.Mails;

/** The reader's whole journey over HTTP, following the links in the mail they get. */
class SubscribeJourneyTest {
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
    void subscribe_confirm_change_preferences_and_leave_with_one_click() throws Exception {
        HttpResponse<String> form = site.get("/");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"email\"", "value=\"vision\"", "XLNet");

        HttpResponse<String> answer = site.subscribe("ada@example.org", "Ada", "nlp");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Check your inbox", "ada@example.org");
        site.settle();
        assertThat(site.subscriber("ada@example.org").status()).isEqualTo(SubscriberStatus.PENDING);

        MimeMessage confirmation = site.mailTo("ada@example.org", 1).get(0);
        assertThat(Mails.subject(confirmation)).startsWith("Confirm your subscription to Paper Digest [confirm ");
        assertThat(confirmation.getContentType()).startsWith("multipart/alternative");
        assertThat(Mails.header(confirmation, "Message-ID")).matches("<confirm\\.\\d+\\.[0-9a-f-]+@example\\.org>");
        assertThat(Mails.header(confirmation, "Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(Mails.header(confirmation, "List-Unsubscribe")).isNull();
        assertThat(Mails.text(confirmation)).contains("Hi there,", "Did not ask for this? Ignore this email");
        String confirmLink = Mails.link(confirmation, "/confirm");
        assertThat(confirmLink).startsWith("https://digest.example.org/confirm?token=");
        assertThat(Mails.html(confirmation)).contains("href=\"" + confirmLink.replace("=", "&#61;") + "\"");

        HttpResponse<String> confirmed = site.get(site.local(confirmLink));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("You are subscribed", "Monday 6 July 2026 at 09:00 (UTC)");
        assertThat(site.subscriber("ada@example.org").status()).isEqualTo(SubscriberStatus.ACTIVE);

        MimeMessage welcome = site.mailTo("ada@example.org", 2).get(1);
        assertThat(Mails.subject(welcome)).isEqualTo("Welcome to Paper Digest");
        assertThat(Mails.text(welcome)).contains("your first\ndigest arrives Monday 6 July 2026 at 09:00 (UTC)", "[nlp]");

        String preferences = site.local(Mails.link(welcome, "/preferences"));
        assertThat(site.get(preferences).body()).contains("value=\"Ada\"", "value=\"nlp\" checked");
        HttpResponse<String> saved = site.postForm(preferences,
                Map.of("name", List.of("Ada L."), "topic", List.of("vision", "video")));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved.", "value=\"vision\" checked", "value=\"video\" checked");
        assertThat(site.subscriber("ada@example.org").topics()).containsExactly("vision", "video");
        assertThat(site.subscriber("ada@example.org").name()).isEqualTo("Ada L.");

        String unsubscribe = site.local(Mails.link(welcome, "/unsubscribe"));
        HttpResponse<String> page = site.get(unsubscribe);
        assertThat(page.body()).contains("Stop sending Paper Digest to <strong>ada@example.org</strong>",
                "name=\"List-Unsubscribe\" value=\"One-Click\"");
        assertThat(site.subscriber("ada@example.org").status()).as("a GET never unsubscribes").isEqualTo(SubscriberStatus.ACTIVE);

        HttpResponse<String> oneClick = site.post(unsubscribe, "List-Unsubscribe=One-Click");
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(oneClick.body()).contains("You are unsubscribed");
        assertThat(site.subscriber("ada@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(site.post(unsubscribe, "List-Unsubscribe=One-Click").statusCode()).as("idempotent").isEqualTo(200);
        assertThat(site.subscriber("ada@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void the_digest_list_unsubscribe_url_accepts_the_rfc_8058_post() throws Exception {
        site.app.subscribers().save(EmailAddress.parse("bob@example.org"), null, List.of(),
                SubscriberStatus.ACTIVE, "test");
        long id = site.subscriber("bob@example.org").id();
        String listUnsubscribe = new DigestComposer(site.app.catalog(), site.app.renderer(), site.app.config().digest(),
                site.app.signer()).unsubscribeUrl(id);

        HttpResponse<String> response = site.post(site.local(listUnsubscribe), "List-Unsubscribe=One-Click");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(site.subscriber("bob@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void following_the_confirmation_link_twice_sends_one_welcome() throws Exception {
        site.subscribe("cy@example.org", "");
        String link = site.local(Mails.link(site.mailTo("cy@example.org", 1).get(0), "/confirm"));

        assertThat(site.get(link).statusCode()).isEqualTo(200);
        assertThat(site.get(link).statusCode()).isEqualTo(200);

        assertThat(site.mailTo("cy@example.org", 2)).hasSize(2);
        Thread.sleep(300);
        site.settle();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }
}
