package org.paperdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.config.DkimConfig;
import org.paperdigest.config.SmtpConfig;

class DkimSigningTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    static Path keys;

    static KeyPair pair;
    static DkimSigning signing;

    @BeforeAll
    static void makeKey() throws Exception {
        pair = DkimKeys.generate();
        Path file = keys.resolve("sel.private.pem");
        DkimKeys.writePrivateKey(pair, file);
        signing = DkimSigning.from(new DkimConfig("example.org", "sel", file));
    }

    @Test
    void signature_verifies_with_an_independent_verifier() throws Exception {
        byte[] raw = new MimeBuilder(signing).toBytes(letter());

        List<SignatureRecord> valid = verifier().verify(new ByteArrayInputStream(raw));

        assertThat(valid).hasSize(1);
        SignatureRecord r = valid.get(0);
        assertThat(r.getDToken().toString()).isEqualTo("example.org");
        assertThat(r.getSelector().toString()).isEqualTo("sel");
        assertThat(r.getHashAlgo().toString()).isEqualToIgnoringCase("sha-256");
        assertThat(r.getHeaderCanonicalisationMethod()).isEqualTo("relaxed");
        assertThat(r.getBodyCanonicalisationMethod()).isEqualTo("relaxed");
        assertThat(r.getHeaders()).extracting(CharSequence::toString).map(String::toLowerCase)
                .contains("from", "to", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post",
                        "list-id", "mime-version", "content-type");
    }

    @Test
    void changing_one_body_byte_breaks_the_signature() throws Exception {
        byte[] raw = new MimeBuilder(signing).toBytes(letter());
        String text = new String(raw, StandardCharsets.US_ASCII);
        int at = text.indexOf("Best papers of the week");
        assertThat(at).isPositive();
        raw[at] = (byte) 'b';

        assertThatThrownBy(() -> verifier().verify(new ByteArrayInputStream(raw)))
                .isInstanceOf(FailException.class)
                .hasMessageContaining("bodyhash");
    }

    @Test
    void signing_only_adds_a_header_in_front_of_the_written_bytes() {
        byte[] unsigned = new MimeBuilder().toBytes(letter());
        byte[] signed = new MimeBuilder(signing).toBytes(letter());

        String text = new String(signed, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=sel;");
        String rest = text.substring(text.indexOf("\r\nDate: ") + 2);
        // Boundaries are random per message: compare everything but them.
        String expected = new String(unsigned, StandardCharsets.US_ASCII);
        assertThat(rest.replaceAll("=_pd_[0-9a-f]+", "B")).isEqualTo(expected.replaceAll("=_pd_[0-9a-f]+", "B"));
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    }

    @Test
    void bodies_with_runs_of_blanks_tabs_and_trailing_empty_lines_verify() throws Exception {
        Letter blanks = withBodies("Two  spaces,\ta tab,   three spaces.\n\n  leading blanks\ntrailing blanks   \n\n\n\n",
                "<p>a  b\t\tc</p>\n\n\n   \n");

        byte[] raw = new MimeBuilder(signing).toBytes(blanks);

        assertThat(verifier().verify(new ByteArrayInputStream(raw))).hasSize(1);
    }

    @Test
    void messages_written_from_a_shape_verify_for_readers_whose_values_sit_at_awkward_places() throws Exception {
        BodyShape text = new BodyShape(List.of("Hi ", ",\n\n    Papers   of\tthe week:  \n.first\n", "\n  \n\n"),
                new int[] {0, 1});
        BodyShape html = new BodyShape(List.of("<p>  Hi ", "</p>\n  <p>\t<a href=\"", "\">leave</a>  </p>\n\n\n"),
                new int[] {0, 1});
        MimeBuilder builder = new MimeBuilder(signing);
        for (String name : new String[] {"Ada", "  Ada  ", ".Ada\n.", "Zoë\t\t", "", "x".repeat(90)}) {
            String[] values = {name, "https://digest.example.org/u?token=" + name.length()};
            Letter l = letter();
            Letter shaped = new Letter(l.from(), l.replyTo(), l.to(), l.toName(), l.subject(), null, null, l.messageId(),
                    l.date(), l.listId(), l.listUnsubscribeUrl(), l.listUnsubscribeMailto(), l.bounceAddress(),
                    java.util.Map.of(), new ShapedBody(text, values), new ShapedBody(html, values));

            byte[] raw = builder.toBytes(shaped);

            assertThat(verifier().verify(new ByteArrayInputStream(raw))).as(name).hasSize(1);
        }
    }

    @Test
    void changing_a_signed_header_breaks_the_signature() {
        byte[] raw = new MimeBuilder(signing).toBytes(letter());
        String text = new String(raw, StandardCharsets.US_ASCII).replace("To: Ada Lovelace", "To: Ada Lovelacf");

        assertThatThrownBy(() -> verifier().verify(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(FailException.class);
    }

    @Test
    void a_message_sent_over_smtp_arrives_signed_with_its_envelope_sender() throws Exception {
        SmtpConfig smtp = new SmtpConfig("127.0.0.1", greenMail.getSmtp().getPort(), null, null, SmtpConfig.Security.NONE, 1, 0, 1, 1,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1), java.util.Map.of());
        Mailer mailer = new Mailer(smtp, "example.org", signing);

        try (MailConnection c = mailer.open()) {
            assertThat(c.send(letter())).isInstanceOf(SendResult.Sent.class);
        }

        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getHeader("Return-Path")[0]).contains("bounces+1.7.abc@example.org");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        received.writeTo(out);
        assertThat(verifier().verify(new ByteArrayInputStream(out.toByteArray()))).hasSize(1);
    }

    @Test
    void each_thread_signs_with_its_own_signer() throws Exception {
        MimeBuilder builder = new MimeBuilder(signing);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<byte[]> messages = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    messages.add(builder.toBytes(letter()));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        assertThat(messages).hasSize(40);
        for (byte[] m : messages) {
            assertThat(verifier().verify(new ByteArrayInputStream(m))).hasSize(1);
        }
    }

    @Test
    void the_native_signer_is_used_on_this_system_and_signs_exactly_as_the_jdk_does() throws Exception {
        // RSA with PKCS#1 v1.5 padding is deterministic: both providers must give the same bytes.
        assertThat(signing.provider()).isEqualTo("AmazonCorrettoCryptoProvider");
        java.security.Signature jdk = java.security.Signature.getInstance("SHA256withRSA", "SunRsaSign");
        jdk.initSign(pair.getPrivate());
        java.security.Signature fast = java.security.Signature.getInstance("SHA256withRSA", NativeCrypto.provider());
        fast.initSign(pair.getPrivate());
        for (int i = 0; i < 20; i++) {
            byte[] data = ("dkim-signature:v=1; a=rsa-sha256; header block " + i).getBytes(StandardCharsets.US_ASCII);
            jdk.update(data);
            fast.update(data);
            assertThat(fast.sign()).isEqualTo(jdk.sign());
        }
    }

    private static DKIMVerifier verifier() {
        String record = DkimKeys.txtValue(pair.getPublic());
        return new DKIMVerifier((method, selector, domain) -> {
            assertThat(selector.toString() + "._domainkey." + domain).isEqualTo("sel._domainkey.example.org");
            return List.of(record);
        });
    }

    private static Letter withBodies(String text, String html) {
        Letter l = letter();
        return new Letter(l.from(), l.replyTo(), l.to(), l.toName(), l.subject(), text, html, l.messageId(), l.date(),
                l.listId(), l.listUnsubscribeUrl(), l.listUnsubscribeMailto(), l.bounceAddress());
    }

    private static Letter letter() {
        return new Letter("Paper Digest <digest@example.org>", null, "ada@example.net", "Ada Lovelace", "Paper Digest #1 — Best of 2019",
                "Best papers of the week.\nhttps://digest.example.org/papers\n",
                "<!DOCTYPE html><html><body><p>Best papers of the week.</p></body></html>",
                "<digest.1.7.abcd@example.org>", Instant.parse("2026-11-23T09:00:00Z"), "Paper Digest <digest.example.org>",
                "https://digest.example.org/unsubscribe?token=t", "mailto:digest@example.org?subject=unsubscribe",
                "bounces+1.7.abc@example.org");
    }
}
