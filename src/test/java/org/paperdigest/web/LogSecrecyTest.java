package org.paperdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.Links;
import org.paperdigest.testing.Mails;
import org.paperdigest.testing.TestEnv;
import org.slf4j.LoggerFactory;

/** Nothing logged during a whole journey, at any level of our own loggers, carries a token, a secret or a body. */
class LogSecrecyTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    private static final Pattern TOKEN = Pattern.compile("token=([^&\\s\"<>]+)|\\[confirm ([^\\]\\s]+)]");

    @TempDir
    Path dir;

    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final Logger ours = (Logger) LoggerFactory.getLogger("org.paperdigest");
    Level oursBefore;
    TestSite site;

    @BeforeEach
    void capture() {
        oursBefore = ours.getLevel();
        ours.setLevel(Level.TRACE);
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void release() throws Exception {
        root.detachAppender(logged);
        ours.setLevel(oursBefore);
        if (site != null) {
            site.close();
        }
    }

    @Test
    void a_whole_journey_logs_no_token_no_tokenised_link_no_secret_and_no_body() throws Exception {
        String secret = "log-secret-0123456789-abcdefghijklmnop";
        site = TestSite.start(TestEnv.sqliteIn(dir).set("DIGEST_SECRET", secret), greenMail);
        String bodyMarker = "Quetzalcoatl Body Marker";

        site.subscribe("ada@example.org", bodyMarker, "nlp");
        MimeMessage confirmation = site.mailTo("ada@example.org", 1).get(0);
        site.get(site.local(Mails.link(confirmation, "/confirm")));
        site.post(site.local(Mails.link(confirmation, "/confirm")), "");
        MimeMessage welcome = site.mailTo("ada@example.org", 2).get(1);
        String preferences = site.local(Mails.link(welcome, "/preferences"));
        site.get(preferences);
        site.postForm(preferences, Map.of("name", List.of(bodyMarker), "topic", List.of("vision")));
        String unsubscribe = site.local(Mails.link(welcome, "/unsubscribe"));
        site.get(unsubscribe);
        site.post(unsubscribe, "List-Unsubscribe=One-Click");
        site.get("/confirm?token=" + "1.zzzz.forgedforgedforgedforged");
        site.post("/subscribe", "email=bob%40example.org&name=" + "x".repeat(20_000));
        site.settle();

        Set<String> tokens = new LinkedHashSet<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            collect(Mails.subject(m), tokens);
            for (String link : Links.inText(Mails.text(m))) {
                collect(link, tokens);
            }
        }
        assertThat(tokens).as("tokens the journey saw").hasSizeGreaterThanOrEqualTo(3);
        assertThat(logged.list).as("something was logged").isNotEmpty();
        for (ILoggingEvent event : logged.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String token : tokens) {
                assertThat(line).as("%s logged by %s", token, event.getLoggerName()).doesNotContain(token);
            }
            assertThat(line).doesNotContain(secret).doesNotContain(bodyMarker).doesNotContain("token=").doesNotContain("xxxxxxxxxx");
        }
    }

    private static void collect(String text, Set<String> tokens) {
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String token = m.group(1) != null ? m.group(1) : m.group(2);
            tokens.add(token);
            // The MAC alone is as good as the token to an attacker who can guess the rest.
            tokens.add(token.substring(token.lastIndexOf('.') + 1));
        }
    }
}
