package org.paperdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.paperdigest.mail.LintCheck.Verdict;

class MessageLintTest {
    private static final URI BASE = URI.create("https://digest.example.org");
    private static final String UNSUBSCRIBE = "https://digest.example.org/unsubscribe?token=abc";

    private static final String GOOD_HTML = """
            <!DOCTYPE html><html><head><style>p { margin: 0; }</style></head><body>
            <div style="display:none;max-height:0;overflow:hidden;">This week: three papers on vision</div>
            <p>Hi Ada, here are this week's three papers about vision and learning.</p>
            <p><a href="https://arxiv.org/abs/1910.10699">Contrastive Representation Distillation</a></p>
            <p><img src="https://digest.example.org/logo.png" alt="Paper Digest" width="120" height="40"></p>
            <p><a href="%s">Unsubscribe</a> &middot; <a href="mailto:digest@example.org?subject=help">Write to us</a></p>
            </body></html>
            """.formatted(UNSUBSCRIBE);

    private static final String GOOD_TEXT = """
            This week: three papers on vision
            Hi Ada, here are this week's three papers about vision and learning.
            Contrastive Representation Distillation
            https://arxiv.org/abs/1910.10699
            Unsubscribe: %s
            Write to us: mailto:digest@example.org?subject=help
            """.formatted(UNSUBSCRIBE);

    @Test
    void a_well_made_message_passes_every_check() {
        List<LintCheck> checks = lint(letter(GOOD_HTML, GOOD_TEXT));

        assertThat(checks).extracting(LintCheck::name).containsExactly("html-size", "text-links", "https-links", "images",
                "active-content", "list-unsubscribe", "from-domain", "subject", "preheader", "word-ratio", "wire-format");
        assertThat(checks).filteredOn(c -> !c.name().equals("from-domain")).extracting(LintCheck::verdict).containsOnly(Verdict.PASS);
        assertThat(verdict(checks, "from-domain")).as("unsigned mail is worth a warning").isEqualTo(Verdict.WARN);
        assertThat(MessageLint.failed(checks)).isFalse();
    }

    @Test
    void an_http_link_fails_but_http_to_localhost_only_warns() {
        String http = GOOD_HTML.replace("https://arxiv.org", "http://arxiv.org");
        assertThat(verdict(lint(letter(http, GOOD_TEXT.replace("https://arxiv.org", "http://arxiv.org"))), "https-links"))
                .isEqualTo(Verdict.FAIL);

        String local = GOOD_HTML.replace("https://arxiv.org", "http://localhost:8080");
        assertThat(verdict(lint(letter(local, GOOD_TEXT.replace("https://arxiv.org", "http://localhost:8080"))), "https-links"))
                .isEqualTo(Verdict.WARN);

        String relative = GOOD_HTML.replace("https://arxiv.org/abs/1910.10699", "/abs/1910.10699");
        assertThat(verdict(lint(letter(relative, GOOD_TEXT)), "https-links")).isEqualTo(Verdict.FAIL);
    }

    @Test
    void a_link_missing_from_the_text_part_fails() {
        List<LintCheck> checks = lint(letter(GOOD_HTML, GOOD_TEXT.replace("https://arxiv.org/abs/1910.10699\n", "")));

        assertThat(verdict(checks, "text-links")).isEqualTo(Verdict.FAIL);
        assertThat(detail(checks, "text-links")).contains("https://arxiv.org/abs/1910.10699");
    }

    @Test
    void images_need_alt_text_and_a_size() {
        String noAlt = GOOD_HTML.replace(" alt=\"Paper Digest\"", "");
        assertThat(verdict(lint(letter(noAlt, GOOD_TEXT)), "images")).isEqualTo(Verdict.FAIL);

        String noSize = GOOD_HTML.replace(" width=\"120\" height=\"40\"", "");
        assertThat(verdict(lint(letter(noSize, GOOD_TEXT)), "images")).isEqualTo(Verdict.FAIL);
    }

    @Test
    void scripts_forms_iframes_and_external_css_fail() {
        for (String bad : List.of("<script>alert(1)</script>", "<form action=\"https://x.example\"></form>",
                "<iframe src=\"https://x.example\"></iframe>", "<link rel=\"stylesheet\" href=\"https://x.example/a.css\">",
                "<style>@import url(https://x.example/a.css);</style>", "<p onclick=\"go()\">x</p>")) {
            List<LintCheck> checks = lint(letter(GOOD_HTML.replace("</body>", bad + "</body>"), GOOD_TEXT));
            assertThat(verdict(checks, "active-content")).as(bad).isEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void list_headers_must_be_complete_and_point_at_the_base_url() {
        Letter noPost = letter(GOOD_HTML, GOOD_TEXT);
        MessageLint lint = new MessageLint(BASE, null);
        byte[] raw = withoutHeader(noPost, "List-Unsubscribe-Post");
        assertThat(verdict(lint.check(raw), "list-unsubscribe")).isEqualTo(Verdict.FAIL);

        Letter elsewhere = copy(letter(GOOD_HTML, GOOD_TEXT), "https://other.example.org/unsubscribe?token=abc");
        assertThat(verdict(lint(elsewhere), "list-unsubscribe")).isEqualTo(Verdict.FAIL);

        Letter none = copy(letter(GOOD_HTML, GOOD_TEXT), null);
        assertThat(verdict(lint(none), "list-unsubscribe")).isEqualTo(Verdict.FAIL);
    }

    @Test
    void the_from_domain_must_be_the_dkim_domain_when_signing() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("dkim");
        java.nio.file.Path key = dir.resolve("k.pem");
        DkimKeys.writePrivateKey(DkimKeys.generate(), key);
        Letter letter = letter(GOOD_HTML, GOOD_TEXT);

        DkimSigning aligned = DkimSigning.from(new org.paperdigest.config.DkimConfig("example.org", "s", key));
        byte[] signed = new MimeBuilder(aligned).toBytes(letter);
        assertThat(verdict(new MessageLint(BASE, "example.org").check(signed), "from-domain")).isEqualTo(Verdict.PASS);

        DkimSigning other = DkimSigning.from(new org.paperdigest.config.DkimConfig("mailer.example.net", "s", key));
        byte[] misaligned = new MimeBuilder(other).toBytes(letter);
        assertThat(verdict(new MessageLint(BASE, "mailer.example.net").check(misaligned), "from-domain")).isEqualTo(Verdict.FAIL);

        byte[] unsigned = new MimeBuilder().toBytes(letter);
        assertThat(verdict(new MessageLint(BASE, "example.org").check(unsigned), "from-domain")).isEqualTo(Verdict.FAIL);
    }

    @Test
    void html_over_gmails_clipping_size_fails() {
        String big = GOOD_HTML.replace("</body>", "<p>" + "word ".repeat(21_000) + "</p></body>");
        assertThat(verdict(lint(letter(big, GOOD_TEXT + "word ".repeat(21_000))), "html-size")).isEqualTo(Verdict.FAIL);
    }

    @Test
    void subject_length_preheader_and_word_ratio_are_checked() {
        Letter longSubject = new Letter("Paper Digest <digest@example.org>", null, "ada@example.net", null, "x".repeat(80),
                GOOD_TEXT, GOOD_HTML, "<a@example.org>", Instant.now(), "Paper Digest <digest.example.org>", UNSUBSCRIBE,
                null, null);
        assertThat(verdict(lint(longSubject), "subject")).isEqualTo(Verdict.WARN);

        String noPreheader = GOOD_HTML.replaceAll("<div style=\"display:none[^<]*</div>", "");
        assertThat(verdict(lint(letter(noPreheader, GOOD_TEXT)), "preheader")).isEqualTo(Verdict.WARN);

        String teaser = "Read it in your browser: " + UNSUBSCRIBE + " https://arxiv.org/abs/1910.10699 mailto:digest@example.org?subject=help";
        assertThat(verdict(lint(letter(GOOD_HTML.replace("</body>", "<p>" + "More words about papers. ".repeat(20) + "</p></body>"),
                teaser)), "word-ratio")).isEqualTo(Verdict.FAIL);
    }

    @Test
    void a_line_over_998_octets_fails_naming_the_line_and_its_length() {
        byte[] good = new MimeBuilder().toBytes(letter(GOOD_HTML, GOOD_TEXT));
        String eml = new String(good, java.nio.charset.StandardCharsets.US_ASCII);
        int bodyStart = eml.indexOf("\r\n\r\n") + 4;
        String longLine = "x".repeat(21_204);
        byte[] raw = (eml.substring(0, bodyStart) + longLine + "\r\n" + eml.substring(bodyStart))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int lineNumber = (int) eml.substring(0, bodyStart).chars().filter(c -> c == '\n').count() + 1;

        LintCheck wire = new MessageLint(BASE, null).check(raw).stream().filter(c -> c.name().equals("wire-format")).findFirst()
                .orElseThrow();

        assertThat(wire.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(wire.detail()).isEqualTo("line " + lineNumber + " is 21,204 octets long (SMTP allows 998): servers cut or refuse it");
        assertThat(verdict(lint(letter(GOOD_HTML, GOOD_TEXT)), "wire-format")).isEqualTo(Verdict.PASS);
    }

    @Test
    void a_raw_8_bit_subject_fails_naming_the_header() {
        String eml = new String(new MimeBuilder().toBytes(letter(GOOD_HTML, GOOD_TEXT)),
                java.nio.charset.StandardCharsets.US_ASCII);
        String subjectLine = eml.lines().filter(l -> l.startsWith("Subject:")).findFirst().orElseThrow();
        byte[] raw = eml.replace(subjectLine, "Subject: Zoë's picks").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        LintCheck wire = new MessageLint(BASE, null).check(raw).stream().filter(c -> c.name().equals("wire-format")).findFirst()
                .orElseThrow();

        assertThat(wire.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(wire.detail()).contains("header Subject: raw 8-bit byte 0xc3", "RFC 2047");
    }

    private static List<LintCheck> lint(Letter letter) {
        return new MessageLint(BASE, null).check(new MimeBuilder().toBytes(letter));
    }

    private static byte[] withoutHeader(Letter letter, String header) {
        try {
            Session session = Session.getInstance(new Properties());
            var m = new jakarta.mail.internet.MimeMessage(session,
                    new java.io.ByteArrayInputStream(new MimeBuilder().toBytes(letter)));
            m.removeHeader(header);
            var out = new java.io.ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Letter letter(String html, String text) {
        return new Letter("Paper Digest <digest@example.org>", null, "ada@example.net", "Ada", "Paper Digest #1 — Best of 2019",
                text, html, "<digest.1.1.ab@example.org>", Instant.parse("2026-11-23T09:00:00Z"), "Paper Digest <digest.example.org>",
                UNSUBSCRIBE, "mailto:digest@example.org?subject=unsubscribe", null);
    }

    private static Letter copy(Letter l, String unsubscribeUrl) {
        return new Letter(l.from(), l.replyTo(), l.to(), l.toName(), l.subject(), l.text(), l.html(), l.messageId(), l.date(),
                l.listId(), unsubscribeUrl, unsubscribeUrl == null ? null : l.listUnsubscribeMailto(), l.bounceAddress());
    }

    private static Verdict verdict(List<LintCheck> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().verdict();
    }

    private static String detail(List<LintCheck> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().detail();
    }
}
