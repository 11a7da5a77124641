package org.paperdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
import org.paperdigest.testing.Mails;

/** Signed links refused when changed, made for another page, or too old. */
class LinkTokenTest {
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

    private String confirmLink(String email) throws Exception {
        site.subscribe(email, "");
        return site.local(Mails.link(site.mailTo(email, 1).get(0), "/confirm"));
    }

    @Test
    void a_tampered_confirmation_link_gets_a_400_page_with_the_form() throws Exception {
        String link = confirmLink("ada@example.org");
        String tampered = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");

        HttpResponse<String> response = site.get(tampered);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("This confirmation link does not work", "action=\"/subscribe\"");
        assertThat(site.subscriber("ada@example.org").status()).isEqualTo(SubscriberStatus.PENDING);
    }

    @Test
    void another_subscribers_id_under_a_valid_mac_is_refused() throws Exception {
        String link = confirmLink("ada@example.org");
        String token = link.substring(link.indexOf("token=") + 6);
        String otherId = "2" + token.substring(token.indexOf('.'));

        assertThat(site.get("/confirm?token=" + otherId).statusCode()).isEqualTo(400);
    }

    @Test
    void an_expired_confirmation_link_offers_to_resend_to_the_same_address() throws Exception {
        String link = confirmLink("ada@example.org");
        site.clock.advance(Purpose.CONFIRM.lifetime().plusMinutes(1));

        HttpResponse<String> response = site.get(link);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("This confirmation link has expired", "value=\"ada@example.org\"",
                "Send me a new link");
        assertThat(site.subscriber("ada@example.org").status()).isEqualTo(SubscriberStatus.PENDING);

        site.subscribe("ada@example.org", "");
        assertThat(site.mailTo("ada@example.org", 2)).as("the resend goes out").hasSize(2);
    }

    @Test
    void a_token_made_for_another_purpose_is_refused() throws Exception {
        site.app.consent().add(EmailAddress.parse("bob@example.org"), null, List.of(), true, Consent.Source.CLI);
        long id = site.subscriber("bob@example.org").id();
        String preferences = site.app.signer().sign(Purpose.PREFERENCES, id);

        assertThat(site.post("/unsubscribe?token=" + preferences, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(400);
        assertThat(site.get("/confirm?token=" + preferences).statusCode()).isEqualTo(400);
        assertThat(site.subscriber("bob@example.org").status()).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void a_missing_or_garbage_token_is_a_400_never_a_500() throws Exception {
        for (String path : List.of("/confirm", "/confirm?token=", "/confirm?token=%00%ff", "/unsubscribe?token=x.y.z",
                "/preferences?token=" + "9".repeat(300))) {
            assertThat(site.get(path).statusCode()).as(path).isEqualTo(400);
        }
        assertThat(site.post("/unsubscribe", "List-Unsubscribe=One-Click").statusCode()).isEqualTo(400);
    }

    @Test
    void an_old_unsubscribe_link_still_unsubscribes() throws Exception {
        site.app.consent().add(EmailAddress.parse("bob@example.org"), null, List.of(), true, Consent.Source.CLI);
        String token = site.app.signer().sign(Purpose.UNSUBSCRIBE, site.subscriber("bob@example.org").id());
        site.clock.advance(Purpose.UNSUBSCRIBE.lifetime().plus(Duration.ofDays(30)));

        assertThat(site.post("/unsubscribe?token=" + token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        assertThat(site.subscriber("bob@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void an_expired_preferences_link_says_so() throws Exception {
        site.app.consent().add(EmailAddress.parse("bob@example.org"), null, List.of(), true, Consent.Source.CLI);
        String token = site.app.signer().sign(Purpose.PREFERENCES, site.subscriber("bob@example.org").id());
        site.clock.advance(Purpose.PREFERENCES.lifetime().plusSeconds(1));

        HttpResponse<String> response = site.get("/preferences?token=" + token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("This preferences link has expired");
    }
}
