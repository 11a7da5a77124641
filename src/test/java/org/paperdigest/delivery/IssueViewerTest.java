package org.paperdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.subscribers.BounceAddresses;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TestEnv;

class IssueViewerTest {
    private static final Pattern VIEW_LINK = Pattern.compile("href=\"https://digest\\.example\\.org/view/(\\d+)\\?token&#61;([^\"]+)\"");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
    TestEnv env;

    @BeforeEach
    void send_one_issue() {
        env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort()).set("DIGEST_BOUNCE_ADDRESS", "bounces@example.org");
        assertThat(CliRun.run(env, clock, "subscribers", "add", "ada@example.net", "--name", "Ada", "--topics", "vision", "--confirmed")
                .exitCode()).isZero();
        CliRun send = CliRun.run(env, clock, "send");
        assertThat(send.exitCode()).as(send.err()).isZero();
    }

    @Test
    void the_view_link_shows_exactly_the_html_the_reader_got() throws Exception {
        MimeMessage received = greenMail.getReceivedMessages()[0];
        String html = htmlPart(received);
        Matcher link = VIEW_LINK.matcher(html);
        assertThat(link.find()).as("a View in browser link in the HTML").isTrue();

        try (App app = new App(env.config(), clock)) {
            IssueViewer.Page page = app.issueViewer().view(link.group(1), link.group(2));

            assertThat(page).isInstanceOf(IssueViewer.Shown.class);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.html()).isEqualTo(html);
        }
    }

    @Test
    void the_envelope_sender_names_the_reader_and_the_issue() throws Exception {
        MimeMessage received = greenMail.getReceivedMessages()[0];
        String returnPath = received.getHeader("Return-Path")[0];
        assertThat(returnPath).matches("<?bounces\\+1\\.1\\.[0-9a-f]{10}@example\\.org>?");

        try (App app = new App(env.config(), clock)) {
            BounceAddresses bounces = app.bounceAddresses();
            assertThat(bounces.find(returnPath)).contains(new BounceAddresses.Tag(1, 1));
            assertThat(bounces.find(returnPath.replace("bounces+1.1.", "bounces+1.2."))).isEmpty();
            assertThat(bounces.find(returnPath.toUpperCase())).contains(new BounceAddresses.Tag(1, 1));
        }
    }

    @Test
    void bad_links_are_refused_with_the_right_status() {
        try (App app = new App(env.config(), clock)) {
            IssueViewer viewer = app.issueViewer();
            String token = app.signer().sign(org.paperdigest.subscribers.LinkSigner.Purpose.VIEW, 1);
            String unsubscribeToken = app.signer().sign(org.paperdigest.subscribers.LinkSigner.Purpose.UNSUBSCRIBE, 1);
            long otherReader = app.subscribers().find(EmailAddress.parse("ada@example.net")).orElseThrow().id() + 1;

            assertThat(viewer.view("1", token).status()).isEqualTo(200);
            assertThat(viewer.view("x", token).status()).isEqualTo(400);
            assertThat(viewer.view("0", token).status()).isEqualTo(400);
            assertThat(viewer.view("1", null).status()).isEqualTo(400);
            assertThat(viewer.view("1", unsubscribeToken).status()).isEqualTo(400);
            assertThat(viewer.view("1", token.substring(0, token.length() - 2) + "AA").status()).isEqualTo(400);
            assertThat(viewer.view("2", token).status()).isEqualTo(404);
            assertThat(viewer.view("1", app.signer().sign(org.paperdigest.subscribers.LinkSigner.Purpose.VIEW, otherReader)).status())
                    .isEqualTo(404);
            assertThat(viewer.view("1", app.signer().sign(org.paperdigest.subscribers.LinkSigner.Purpose.VIEW, 1,
                    java.time.Duration.ofDays(-1))).status()).isEqualTo(410);
            assertThat(viewer.view("<script>", token).html()).doesNotContain("<script>");
        }
    }

    private static String htmlPart(MimeMessage m) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.isMimeType("text/html")) {
                // On the wire every line ends in CRLF (RFC 5322); the renderer writes LF.
                return ((String) p.getContent()).replace("\r\n", "\n");
            }
        }
        throw new AssertionError("no HTML part in " + GreenMailUtil.getWholeMessage(m));
    }
}
