package org.paperdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.catalog.Catalog;
import org.paperdigest.catalog.CatalogLoader;
import org.paperdigest.catalog.Paper;
import org.paperdigest.config.DigestConfig;
import org.paperdigest.mail.Letter;
import org.paperdigest.render.DigestRenderer;
import org.paperdigest.render.RenderedEmail;
import org.paperdigest.subscribers.LinkSigner;
import org.paperdigest.subscribers.LinkSigner.Purpose;
import org.paperdigest.testing.Links;
import org.paperdigest.testing.TestEnv;

class DigestComposerTest {
    private static final Instant ISSUE_DATE = Instant.parse("2026-03-02T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(ISSUE_DATE, ZoneOffset.UTC);
    private static final List<String> TOP_THREE = List.of("crd", "tas-network-pruning", "autoaugment-detection");

    @TempDir
    Path dir;

    @Test
    void greets_the_reader_by_name_in_both_parts() {
        RenderedEmail email = bundled().render(3, ISSUE_DATE, namedReader("Ada Lovelace"), TOP_THREE);

        assertThat(email.html()).contains("Hi Ada Lovelace,");
        assertThat(email.text()).contains("Hi Ada Lovelace,");
    }

    @Test
    void greets_a_reader_without_a_name_as_there() {
        RenderedEmail email = bundled().render(3, ISSUE_DATE, namelessReader(), TOP_THREE);

        assertThat(email.html()).contains("Hi there,");
        assertThat(email.text()).contains("Hi there,");
    }

    @Test
    void shows_the_issue_number_and_date_in_subject_and_both_parts() {
        RenderedEmail email = bundled().render(3, ISSUE_DATE, namelessReader(), TOP_THREE);

        assertThat(email.subject()).isEqualTo("Paper Digest #3 — Best of 2019: machine learning papers");
        assertThat(email.html()).contains("Issue 3 &middot; 2 March 2026");
        assertThat(email.text()).contains("Issue 3 · 2 March 2026");
    }

    @Test
    void shows_every_part_of_each_paper_in_both_parts() {
        RenderedEmail email = bundled().render(1, ISSUE_DATE, namelessReader(), List.of("xlnet", "openpose"));

        assertThat(email.html())
                .contains("href=\"https://arxiv.org/abs/1906.08237\" style=\"color:#1d5e80;text-decoration:none;\">"
                        + "XLNet: Generalized Autoregressive Pretraining for Language Understanding</a>")
                .contains("Zhilin Yang, Zihang Dai, Yiming Yang, Jaime Carbonell, Ruslan Salakhutdinov and Quoc V. Le")
                .contains("NeurIPS 2019 &middot; 2019")
                .contains("IEEE TPAMI (early access 2019, print 2021) &middot; 2018")
                .contains(">Code</a>")
                .contains(">nlp</span>", ">transformers</span>", ">pose-estimation</span>");
        assertThat(Links.inHtml(email.html())).contains("https://arxiv.org/abs/1906.08237",
                "https://github.com/zihangdai/xlnet", "https://arxiv.org/abs/1812.08008",
                "https://github.com/CMU-Perceptual-Computing-Lab/openpose");
        assertThat(email.text())
                .contains("XLNet: Generalized Autoregressive Pretraining for Language Understanding\n"
                        + "Zhilin Yang, Zihang Dai, Yiming Yang, Jaime Carbonell, Ruslan Salakhutdinov and Quoc V. Le\n"
                        + "NeurIPS 2019 · 2019\n")
                .contains("Paper: https://arxiv.org/abs/1906.08237")
                .contains("Code:  https://github.com/zihangdai/xlnet")
                .contains("Tags:  [nlp] [transformers] [unsupervised] [representation-learning]");
        Paper xlnet = new CatalogLoader().loadBundled().paper("xlnet").orElseThrow();
        assertThat(email.html()).contains(htmlEscaped(xlnet.summary()), htmlEscaped(xlnet.whyItMatters()));
        assertThat(email.text()).contains(xlnet.summary(), "Why it matters: " + xlnet.whyItMatters());
    }

    @Test
    void leaves_out_the_code_link_of_a_paper_without_code() {
        Paper noCode = paper("no-code", "A paper without code", 1, null);
        DigestComposer composer = composerFor(new Catalog("Test list", List.of(noCode), "test"));

        RenderedEmail email = composer.render(1, ISSUE_DATE, namelessReader(), List.of("no-code"));

        assertThat(email.html()).doesNotContain(">Code</a>");
        assertThat(email.text()).doesNotContain("Code:");
    }

    @Test
    void says_a_paper_was_picked_because_of_a_followed_topic() {
        RenderedEmail email = bundled().render(1, ISSUE_DATE, readerFollowing("nlp"), List.of("xlnet"));

        assertThat(email.html()).contains("Because you follow nlp");
        assertThat(email.text()).contains("Because you follow nlp");
    }

    @Test
    void says_top_of_the_list_when_no_followed_topic_matched() {
        RenderedEmail email = bundled().render(1, ISSUE_DATE, readerFollowing("nlp"), List.of("crd"));

        assertThat(email.html()).contains("Top of the list").doesNotContain("Because you follow");
        assertThat(email.text()).contains("Top of the list").doesNotContain("Because you follow");
    }

    @Test
    void puts_a_signed_unsubscribe_link_in_both_parts() {
        RenderedEmail email = bundled().render(1, ISSUE_DATE, namedReader("Ada"), TOP_THREE);

        String htmlLink = onlyUnsubscribeLink(Links.inHtml(email.html()));
        String textLink = onlyUnsubscribeLink(Links.inText(email.text()));
        assertThat(htmlLink).isEqualTo(textLink).startsWith("https://digest.example.org/unsubscribe?token=");
        String token = textLink.substring(textLink.indexOf("token=") + "token=".length());
        assertThat(signer().verify(Purpose.UNSUBSCRIBE, token)).isEqualTo(new LinkSigner.Valid(7));
        assertThat(email.html()).contains(">Unsubscribe</a>");
    }

    @Test
    void every_link_points_at_the_base_url_or_the_papers() {
        RenderedEmail email = bundled().render(1, ISSUE_DATE, namedReader("Ada"), TOP_THREE);

        assertThat(Links.inHtml(email.html())).allSatisfy(link -> assertThat(link)
                .matches("https://digest\\.example\\.org/.*|https://arxiv\\.org/abs/.*|https://github\\.com/.*"));
        assertThat(Set.copyOf(Links.inText(email.text()))).isEqualTo(Set.copyOf(Links.inHtml(email.html())));
    }

    @Test
    void escapes_script_and_quotes_from_the_catalog_and_the_name_in_html_but_not_in_text() {
        Paper hostile = paper("hostile", "<script>alert(\"t\")</script> Tom's \"paper\"", 1, "https://example.org/code");
        DigestComposer composer = composerFor(new Catalog("List <b>bold</b>", List.of(hostile), "test"));
        String name = "Bob \"<img src=x onerror=alert(1)>\" O'Neil";

        RenderedEmail email = composer.render(1, ISSUE_DATE, namedReader(name), List.of("hostile"));

        assertThat(email.html())
                .doesNotContain("<script>", "<img", "<b>bold")
                .contains("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; Tom&#39;s &quot;paper&quot;")
                .contains("Hi Bob &quot;&lt;img src&#61;x onerror&#61;alert(1)&gt;&quot; O&#39;Neil,")
                .contains("List &lt;b&gt;bold&lt;/b&gt;");
        assertThat(email.text())
                .contains("<script>alert(\"t\")</script> Tom's \"paper\"")
                .contains("Hi " + name + ",");
        assertThat(email.subject()).isEqualTo("Paper Digest #1 — List <b>bold</b>");
    }

    @Test
    void letter_carries_the_list_headers_and_a_message_id_stable_per_issue_and_subscriber() {
        DigestComposer composer = bundled();
        RenderedEmail email = composer.render(4, ISSUE_DATE, namedReader("Ada"), TOP_THREE);

        Letter letter = composer.letter(4, ISSUE_DATE, namedReader("Ada"), email);

        assertThat(letter.from()).isEqualTo("Paper Digest <digest@example.org>");
        assertThat(letter.to()).isEqualTo("ada@example.org");
        assertThat(letter.toName()).isEqualTo("Ada");
        assertThat(letter.listId()).isEqualTo("Paper Digest <digest.example.org>");
        assertThat(letter.listUnsubscribeUrl()).startsWith("https://digest.example.org/unsubscribe?token=");
        assertThat(letter.listUnsubscribeMailto()).matches("mailto:digest@example\\.org\\?subject=unsubscribe%207\\.[0-9a-z]+\\.[A-Za-z0-9_-]{22}");
        assertThat(letter.messageId()).matches("<digest\\.4\\.7\\.[0-9a-f]{16}@example\\.org>")
                .isEqualTo(bundled().messageId(4, 7));
        assertThat(composer.messageId(4, 8)).isNotEqualTo(letter.messageId());
        assertThat(composer.messageId(5, 7)).isNotEqualTo(letter.messageId());
    }

    private DigestComposer bundled() {
        return composerFor(new CatalogLoader().loadBundled());
    }

    private DigestComposer composerFor(Catalog catalog) {
        DigestConfig config = TestEnv.sqliteIn(dir).config().digest();
        return new DigestComposer(catalog, new DigestRenderer(Path.of("templates")), config, signer());
    }

    private static LinkSigner signer() {
        return new LinkSigner("test-secret-0123456789-abcdefghijklmnop", CLOCK);
    }

    private static DigestComposer.Reader namedReader(String name) {
        return new DigestComposer.Reader(7, "ada@example.org", name, List.of());
    }

    private static DigestComposer.Reader namelessReader() {
        return new DigestComposer.Reader(7, "someone@example.org", null, List.of());
    }

    private static DigestComposer.Reader readerFollowing(String topic) {
        return new DigestComposer.Reader(7, "fan@example.org", "Fan", List.of(topic));
    }

    private static Paper paper(String id, String title, int rank, String codeUrl) {
        return new Paper(id, title, List.of("A. Author", "B. Author"), 2019, "Venue", URI.create("https://arxiv.org/abs/1234.5678"),
                codeUrl == null ? null : URI.create(codeUrl), List.of("vision"), "A summary.", "It matters.", rank);
    }

    private static String onlyUnsubscribeLink(List<String> links) {
        List<String> unsubscribe = links.stream().filter(l -> l.contains("/unsubscribe")).distinct().toList();
        assertThat(unsubscribe).hasSize(1);
        return unsubscribe.get(0);
    }

    private static String htmlEscaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;")
                .replace("=", "&#61;").replace("`", "&#96;");
    }
}
