package org.paperdigest.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readers who share a shape (papers, reasons, topics) still each get their own name, address and links, escaped. */
class ShapeCacheTest {
    private final DigestRenderer renderer = new DigestRenderer(Path.of("templates"));

    private static DigestView view(String greeting, String email, String token, String paperTitle) {
        DigestView.PaperView paper = new DigestView.PaperView(1, 1, paperTitle, "https://arxiv.org/abs/1910.10699",
                "Yonglong Tian, Dilip Krishnan and Phillip Isola", "ICLR 2020", 2019, "A summary.", "Why it matters.",
                "https://github.com/HobbitLong/RepDistiller", List.of("vision"), "Top of the list", true);
        return new DigestView("Best of 2019", "Paper Digest", 4, "30 November 2026", "This week: one paper", greeting, email,
                List.of(), List.of(paper), "https://digest.example.org/unsubscribe?token=" + token,
                "https://digest.example.org/preferences?token=" + token, "https://digest.example.org/papers", null,
                "digest@example.org");
    }

    @Test
    void readers_sharing_a_shape_get_their_own_values() {
        RenderedEmail ada = renderer.render(view("Ada", "ada@example.org", "1.aa.x", "Contrastive Representation Distillation"));
        RenderedEmail bob = renderer.render(view("<b>Bob</b> & \"Co\"", "bob@example.org", "2.bb.y", "Contrastive Representation Distillation"));

        assertThat(ada.html()).contains("Hi Ada").contains("ada@example.org").contains("token&#61;1.aa.x")
                .doesNotContain("bob@example.org").doesNotContain("2.bb.y");
        assertThat(bob.html()).contains("Hi &lt;b&gt;Bob&lt;/b&gt; &amp; &quot;Co&quot;").contains("token&#61;2.bb.y")
                .doesNotContain("<b>Bob</b>").doesNotContain("ada@example.org");
        assertThat(bob.text()).contains("Hi <b>Bob</b> & \"Co\"").contains("token=2.bb.y");
    }

    @Test
    void shaped_output_is_identical_to_a_full_render() {
        DigestView v = view("Grace", "grace@example.org", "3.cc.z", "Contrastive Representation Distillation");
        renderer.render(view("Ada", "ada@example.org", "1.aa.x", "Contrastive Representation Distillation"));

        RenderedEmail shaped = renderer.render(v);

        assertThat(new String[] {shaped.subject(), shaped.html(), shaped.text()})
                .containsExactly(fresh(v).subject(), fresh(v).html(), fresh(v).text());
    }

    @Test
    void text_that_happens_to_contain_the_placeholder_characters_falls_back_to_full_renders() {
        String odd = "A title with private-use characters \uE010 \uE011";

        RenderedEmail first = renderer.render(view("Ada", "ada@example.org", "1.aa.x", odd));
        RenderedEmail second = renderer.render(view("Bob", "bob@example.org", "2.bb.y", odd));

        assertThat(first.html()).contains(odd).contains("Hi Ada");
        assertThat(second.html()).contains(odd).contains("Hi Bob").contains("bob@example.org");
    }

    private static RenderedEmail fresh(DigestView v) {
        return new DigestRenderer(Path.of("templates")).render(v);
    }
}
