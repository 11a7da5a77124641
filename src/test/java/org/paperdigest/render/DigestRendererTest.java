package org.paperdigest.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.render.DigestView.PaperView;
import org.paperdigest.testing.TemplateCopies;

class DigestRendererTest {
    private static final Path TEMPLATES = Path.of("templates");

    @TempDir
    Path dir;

    @Test
    void renders_subject_html_and_text_from_one_view() {
        RenderedEmail email = new DigestRenderer(TEMPLATES).render(viewFor("Ada", papers(3)));

        assertThat(email.subject()).isEqualTo("Paper Digest #12 — Best of 2019");
        assertThat(email.html()).startsWith("<!DOCTYPE html>").contains("Hi Ada,", "Paper title 1", "Paper title 3", "</html>");
        assertThat(email.text()).contains("Hi Ada,", "Paper title 1", "Paper title 3").doesNotContain("<p", "<a ");
    }

    @Test
    void html_has_a_hidden_preheader_and_the_unsubscribe_link() {
        RenderedEmail email = new DigestRenderer(TEMPLATES).render(viewFor("Ada", papers(3)));

        assertThat(email.html()).contains("mso-hide:all;\">This week: Paper title 1, and 2 more</div>")
                .contains("href=\"https://digest.example.org/unsubscribe?token&#61;u1\"");
        assertThat(email.text()).contains("Unsubscribe:\nhttps://digest.example.org/unsubscribe?token=u1\n");
    }

    @Test
    void escapes_script_tags_and_quotes_in_html_and_writes_them_raw_in_text() {
        PaperView hostile = paper(1, "<script>alert('x')</script>", "He said \"stop\" & <left>", true);
        DigestView view = viewFor("<b>Mallory</b> \"M\"", List.of(hostile));

        RenderedEmail email = new DigestRenderer(TEMPLATES).render(view);

        assertThat(email.html())
                .doesNotContain("<script>", "<b>Mallory", "<left>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("He said &quot;stop&quot; &amp; &lt;left&gt;")
                .contains("Hi &lt;b&gt;Mallory&lt;/b&gt; &quot;M&quot;,");
        assertThat(email.text())
                .contains("<script>alert('x')</script>")
                .contains("He said \"stop\" & <left>")
                .contains("Hi <b>Mallory</b> \"M\",");
    }

    @Test
    void html_of_ten_papers_stays_under_the_gmail_clipping_size() {
        RenderedEmail email = new DigestRenderer(TEMPLATES).render(viewFor("Ada", papers(10)));

        assertThat(email.html()).contains("Paper title 10");
        assertThat(email.htmlBytes()).isLessThan(RenderedEmail.GMAIL_CLIP_BYTES);
    }

    @Test
    void bundled_templates_render_the_same_as_the_templates_directory() {
        DigestView view = viewFor("Ada", papers(2));

        RenderedEmail bundled = DigestRenderer.bundled().render(view);

        assertThat(bundled).isEqualTo(new DigestRenderer(TEMPLATES).render(view));
    }

    @Test
    void a_syntax_error_in_a_template_names_the_file_and_line() throws IOException {
        Path templates = copyOfTemplates();
        insertLine(templates.resolve("digest.txt.mustache"), 4, "a stray {{/papers}} end tag");

        assertThatThrownBy(() -> new DigestRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("digest.txt.mustache") + " line 4: Mismatched start/end tags");
    }

    @Test
    void a_syntax_error_in_a_partial_names_the_partial_and_its_line() throws IOException {
        Path templates = copyOfTemplates();
        insertLine(templates.resolve("partials/paper.html.mustache"), 3, "{{#tags}}unclosed section");

        assertThatThrownBy(() -> new DigestRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessage(templates.resolve("partials/paper.html.mustache") + " line 3: Failed to close 'tags' tag");
    }

    @Test
    void a_missing_templates_directory_is_a_clear_error() {
        Path missing = dir.resolve("no-such-templates");

        assertThatThrownBy(() -> new DigestRenderer(missing))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Templates directory " + missing.toAbsolutePath()
                        + " does not exist (set DIGEST_TEMPLATES to the folder holding digest.html.mustache)");
    }

    @Test
    void a_missing_template_file_names_the_file() throws IOException {
        Path templates = copyOfTemplates();
        Files.delete(templates.resolve("subject.mustache"));

        assertThatThrownBy(() -> new DigestRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("subject.mustache") + ": template not found");
    }

    @Test
    void a_missing_partial_names_the_partial_and_the_template_that_includes_it() throws IOException {
        Path templates = copyOfTemplates();
        insertLine(templates.resolve("digest.txt.mustache"), 2, "{{> partials/missing.txt.mustache}}");

        assertThatThrownBy(() -> new DigestRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("digest.txt.mustache") + " line 2: the partial partials/missing.txt.mustache is not found");
    }

    private static DigestView viewFor(String greetingName, List<PaperView> papers) {
        String preheader = "This week: " + papers.get(0).title() + (papers.size() > 1 ? ", and " + (papers.size() - 1) + " more" : "");
        return new DigestView("Best of 2019", "Paper Digest", 12, "2 March 2026", preheader, greetingName, "ada@example.org",
                List.of("vision"), papers, "https://digest.example.org/unsubscribe?token=u1",
                "https://digest.example.org/preferences?token=p1", "https://digest.example.org/papers", null, "digest@example.org");
    }

    private static List<PaperView> papers(int count) {
        List<PaperView> out = new ArrayList<>();
        IntStream.rangeClosed(1, count).forEach(i -> out.add(paper(i, "Paper title " + i,
                "A summary of paper " + i + " in three sentences. ".repeat(3), i == count)));
        return out;
    }

    private static PaperView paper(int position, String title, String summary, boolean last) {
        return new PaperView(position, position, title, "https://arxiv.org/abs/1901.0000" + position,
                "First Author, Second Author and Third Author", "NeurIPS 2019", 2019, summary,
                "Why it matters, in a few sentences. ".repeat(4), "https://github.com/example/code" + position,
                List.of("vision", "nlp"), "Because you follow vision", last);
    }

    private Path copyOfTemplates() throws IOException {
        return TemplateCopies.copyInto(dir);
    }

    private static void insertLine(Path file, int lineNumber, String line) throws IOException {
        TemplateCopies.insertLine(file, lineNumber, line);
    }
}
