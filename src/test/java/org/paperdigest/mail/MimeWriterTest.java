package org.paperdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The hand-written MIME serialiser must produce what a mail reader (here Jakarta Mail's parser) reads back exactly. */
class MimeWriterTest {
    private static final Session SESSION = Session.getInstance(new Properties());

    private static Letter letter(String name, String subject, String text, String html) {
        return new Letter("Paper Digest <digest@example.org>", null, "ada@example.org", name, subject, text, html,
                "<digest.1.7.abcd@example.org>", Instant.parse("2026-11-30T09:00:00Z"), "Paper Digest <digest.example.org>",
                "https://digest.example.org/unsubscribe?token=7.abc.def", "mailto:digest@example.org?subject=unsubscribe", null);
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    private static String part(MimeMessage m, int index) throws Exception {
        BodyPart p = ((Multipart) m.getContent()).getBodyPart(index);
        return p.getContent().toString();
    }

    @Test
    void bodies_with_long_lines_non_ascii_and_trailing_spaces_read_back_unchanged() throws Exception {
        String text = "Grüße, Ada — ünïcödé ✓ and a tab\there.\n" + "x".repeat(300) + "\n"
                + "line with trailing spaces   \n.a line starting with a dot\n= equals = signs =\n\nend";
        String html = "<p style=\"color:#1d5e80\">" + "Long paragraph ".repeat(40) + "</p>\n<p>€ 5 &amp; “quotes”</p>";

        MimeMessage m = parse(new MimeWriter().write(letter("Zoë O'Brien, PhD", "Issue #3 — Best of 2019", text, html)));

        assertThat(m.isMimeType("multipart/alternative")).isTrue();
        assertThat(part(m, 0)).isEqualTo(text.replace("\n", "\r\n"));
        assertThat(part(m, 1)).isEqualTo(html.replace("\n", "\r\n"));
        assertThat(m.getSubject()).isEqualTo("Issue #3 — Best of 2019");
        assertThat(m.getRecipients(MimeMessage.RecipientType.TO)[0].toString()).contains("ada@example.org");
        assertThat(MimeUtility.decodeText(m.getHeader("To")[0])).contains("Zoë O'Brien, PhD");
    }

    @Test
    void no_encoded_line_is_longer_than_76_characters() throws Exception {
        String body = ("word " + "ä".repeat(30) + " ").repeat(100);
        byte[] raw = new MimeWriter().write(letter(null, "s", body, "<p>" + body + "</p>"));
        String wire = new String(raw, StandardCharsets.US_ASCII);
        String bodyPart = wire.substring(wire.indexOf("\r\n\r\n"));

        assertThat(bodyPart.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(wire).doesNotContain("\n\n").as("only CRLF line ends");
    }

    @Test
    void headers_carry_the_list_fields_and_a_stable_message_id() throws Exception {
        MimeMessage m = parse(new MimeWriter().write(letter("Ada", "Hello", "t", "<p>h</p>")));

        assertThat(m.getMessageID()).isEqualTo("<digest.1.7.abcd@example.org>");
        assertThat(m.getHeader("List-Id")).containsExactly("Paper Digest <digest.example.org>");
        assertThat(m.getHeader("List-Unsubscribe")[0].replaceAll("\\s+", " "))
                .isEqualTo("<https://digest.example.org/unsubscribe?token=7.abc.def>, <mailto:digest@example.org?subject=unsubscribe>");
        assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(m.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(m.getHeader("Date")[0]).isEqualTo("Mon, 30 Nov 2026 09:00:00 +0000");
        assertThat(m.getFrom()[0].toString()).isEqualTo("Paper Digest <digest@example.org>");
    }

    @Test
    void quoted_printable_reads_back_exactly_for_every_character_up_to_u07ff() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int c = 1; c < 0x800; c++) {
            if (c != '\r') {
                all.append((char) c);
            }
            if (c % 50 == 0) {
                all.append('\n');
            }
        }
        ByteSink out = new ByteSink(1024);
        QuotedPrintable.encode(all.toString(), out);

        InputStream decoded = MimeUtility.decode(new ByteArrayInputStream(out.toByteArray()), "quoted-printable");
        assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n")).isEqualTo(all.toString());
    }

    @Test
    void random_texts_round_trip_and_keep_every_line_within_76_characters() throws Exception {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ab =.\t\n\r€é—😀xyz0123456789";
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(400);
            for (int i = 0; i < length; i++) {
                int at = random.nextInt(alphabet.length());
                char c = alphabet.charAt(at);
                if (Character.isHighSurrogate(c)) {
                    text.append(c).append(alphabet.charAt(at + 1));
                } else if (!Character.isLowSurrogate(c) && c != '\r') {
                    text.append(c);
                }
            }
            ByteSink out = new ByteSink(64);
            QuotedPrintable.encode(text.toString(), out);
            String wire = new String(out.toByteArray(), StandardCharsets.US_ASCII);

            assertThat(wire.split("\r\n", -1)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
            assertThat(wire).doesNotContainPattern("[ \t]\r\n").doesNotContainPattern("[ \t]$");
            InputStream decoded = MimeUtility.decode(new ByteArrayInputStream(out.toByteArray()), "quoted-printable");
            assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n")).isEqualTo(text.toString());
        }
    }

    @Test
    void reusing_earlier_messages_lines_gives_the_same_bytes_as_encoding_afresh() {
        java.util.Random random = new java.util.Random(7);
        String[] names = {"Ada", "Grace Hopper", "", "Zoë — ünïcödé", "x".repeat(90), "trailing space ", "tab\t"};
        // More shapes than a thread remembers, some of nearly the same length, interleaved at random.
        String[] templates = new String[9];
        for (int t = 0; t < templates.length; t++) {
            templates[t] = "Hi {name},\n" + ("Paper " + t + " of the digest, the same for every reader. ").repeat(3 + t % 3) + "\n"
                    + "Unsubscribe: https://digest.example.org/u?token={name}\n" + "€ and = and . ".repeat(12) + "\n{name}";
        }
        for (int round = 0; round < 600; round++) {
            String text = templates[random.nextInt(templates.length)].replace("{name}", names[random.nextInt(names.length)]);
            if (random.nextInt(5) == 0) {
                text = text + "\nan extra line";
            }
            ByteSink fresh = new ByteSink(64);
            QuotedPrintable.encode(text, fresh);
            ByteSink reused = new ByteSink(64);
            QuotedPrintable.encode(text, reused, QuotedPrintable.HTML);

            assertThat(reused.toByteArray()).as("round " + round).isEqualTo(fresh.toByteArray());
        }
    }
}
