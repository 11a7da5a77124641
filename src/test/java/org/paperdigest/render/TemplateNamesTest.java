package org.paperdigest.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.TemplateCopies;

class TemplateNamesTest {
    @TempDir
    Path dir;

    @Test
    void the_shipped_and_bundled_templates_name_only_what_the_views_have() {
        assertThatCode(() -> new DigestRenderer(TemplateCopies.TEMPLATES)).doesNotThrowAnyException();
        assertThatCode(DigestRenderer::bundled).doesNotThrowAnyException();
        assertThatCode(() -> new NoticeRenderer(TemplateCopies.TEMPLATES)).doesNotThrowAnyException();
        assertThatCode(() -> new NoticeRenderer(null)).doesNotThrowAnyException();
    }

    @Test
    void a_misspelled_section_names_file_line_and_the_nearest_name() throws IOException {
        Path templates = TemplateCopies.copyInto(dir);
        TemplateCopies.insertLine(templates.resolve("digest.txt.mustache"), 3, "{{#paperz}}{{title}}{{/paperz}}");

        assertThatThrownBy(() -> new DigestRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessage(templates.resolve("digest.txt.mustache") + " line 3: unknown name 'paperz' (did you mean 'papers'?)");
    }

    @Test
    void a_misspelled_variable_in_a_partial_names_the_partial() throws IOException {
        Path templates = TemplateCopies.copyInto(dir);
        TemplateCopies.replace(templates.resolve("partials/footer.html.mustache"), "{{unsubscribeUrl}}", "{{unsubscribeURL}}");

        assertThatThrownBy(() -> new DigestRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("partials/footer.html.mustache") + " line 10: unknown name 'unsubscribeURL'")
                .hasMessageContaining("(did you mean 'unsubscribeUrl'?)");
    }

    @Test
    void a_dotted_name_the_element_does_not_have_is_unknown() throws IOException {
        Path templates = TemplateCopies.copyInto(dir);
        TemplateCopies.insertLine(templates.resolve("digest.txt.mustache"), 2, "{{topics.sise}}");

        assertThatThrownBy(() -> new DigestRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessage(templates.resolve("digest.txt.mustache") + " line 2: unknown name 'topics.sise' (did you mean 'size'?)");
    }

    @Test
    void a_name_of_a_paper_used_outside_the_papers_section_is_unknown() throws IOException {
        Path templates = TemplateCopies.copyInto(dir);
        TemplateCopies.insertLine(templates.resolve("subject.mustache"), 1, "{{whyItMatters}}");

        assertThatThrownBy(() -> new DigestRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("subject.mustache") + " line 1: unknown name 'whyItMatters'");
    }

    @Test
    void every_unknown_name_is_listed_not_only_the_first() throws IOException {
        Path templates = TemplateCopies.copyInto(dir);
        TemplateCopies.insertLine(templates.resolve("digest.html.mustache"), 2, "{{nmae}}");
        TemplateCopies.insertLine(templates.resolve("digest.html.mustache"), 3, "{{#papers}}{{autors}}{{/papers}}");

        assertThatThrownBy(() -> new DigestRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("line 2: unknown name 'nmae'")
                .hasMessageContaining("line 3: unknown name 'autors' (did you mean 'authors'?)")
                .hasMessageContaining("(2 problems in " + templates.resolve("digest.html.mustache") + " and its partials)");
    }

    @Test
    void a_value_that_may_be_absent_outside_its_section_is_refused() throws IOException {
        Path templates = TemplateCopies.copyInto(dir);
        TemplateCopies.insertLine(templates.resolve("partials/paper.txt.mustache"), 2, "Code: {{codeUrl}}");

        assertThatThrownBy(() -> new DigestRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessage(templates.resolve("partials/paper.txt.mustache")
                        + " line 2: 'codeUrl' may be absent: use it inside {{#codeUrl}}…{{/codeUrl}}"
                        + " (see templates/README.md, \"Optional parts\")");
    }

    @Test
    void dotted_names_and_methods_of_the_view_resolve() throws IOException {
        Path templates = TemplateCopies.copyInto(dir);
        TemplateCopies.insertLine(templates.resolve("digest.txt.mustache"), 1,
                "{{paperCount}} {{#hasTopics}}{{#topics}}{{.}}{{/topics}}{{/hasTopics}}{{#papers}}{{#tags}}{{.}} {{listName}}{{/tags}}{{/papers}}"
                        + " {{topics.size}} {{listName.length}}");

        RenderedEmail email = new DigestRenderer(templates).render(new DigestView("T", "L", 1, "d", "p", "g", "e@example.org",
                java.util.List.of("vision"), java.util.List.of(), "u", "pr", "pa", null, "f@example.org"));

        assertThat(email.text()).startsWith("0 vision 1 1");
    }

    @Test
    void a_misspelled_name_in_a_notice_block_names_the_notice_file() throws IOException {
        Path templates = TemplateCopies.copyInto(dir);
        TemplateCopies.replace(templates.resolve("confirm.html.mustache"), "{{confirmLifetime}}", "{{confirmLifeTime}}");

        assertThatThrownBy(() -> new NoticeRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("confirm.html.mustache") + " line 9: unknown name 'confirmLifeTime'")
                .hasMessageContaining("did you mean 'confirmLifetime'?");
    }

    @Test
    void a_misspelled_partial_names_the_including_file_line_and_the_nearest_partial() throws IOException {
        Path templates = TemplateCopies.copyInto(dir);
        TemplateCopies.replace(templates.resolve("digest.html.mustache"), "{{> partials/paper.html.mustache}}",
                "{{> partials/papers.html.mustache}}");

        assertThatThrownBy(() -> new DigestRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessage(templates.resolve("digest.html.mustache") + " line 75: the partial partials/papers.html.mustache"
                        + " is not found (did you mean partials/paper.html.mustache?)");
    }

    @Test
    void a_misspelled_parent_of_a_notice_names_file_and_line() throws IOException {
        Path templates = TemplateCopies.copyInto(dir);
        TemplateCopies.replace(templates.resolve("welcome.html.mustache"), "partials/notice-button.html.mustache",
                "partials/notice-buton.html.mustache");

        assertThatThrownBy(() -> new NoticeRenderer(templates))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("welcome.html.mustache") + " line 12: the partial partials/notice-buton.html.mustache"
                        + " is not found (did you mean partials/notice-button.html.mustache?)");
    }
}
