package org.paperdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.config.Config;
import org.paperdigest.testing.CatalogFiles;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.ReceivedMail;
import org.paperdigest.testing.TestClock;
import org.paperdigest.testing.TestEnv;

/**
 * Five weekly issues with papers arriving between them (injected clock, real SQLite, real SMTP):
 * new papers lead, the archive fills the rest, nobody gets a paper twice, drafts are never sent,
 * and a reader with nothing new and nothing unread is skipped.
 */
class NewestFirstTest {
    private static final String CATALOG = """
            {"title": "Four papers", "papers": [
              {"id": "a1", "title": "Archive One", "authors": ["A"], "year": 2020, "venue": "V", "arxiv_url": "https://arxiv.org/abs/2001.00001",
               "code_url": null, "tags": ["nlp"], "summary": "S1.", "why_it_matters": "W1.", "rank": 1},
              {"id": "a2", "title": "Archive Two", "authors": ["B"], "year": 2020, "venue": "V", "arxiv_url": "https://arxiv.org/abs/2001.00002",
               "code_url": null, "tags": ["vision"], "summary": "S2.", "why_it_matters": "W2.", "rank": 2},
              {"id": "a3", "title": "Archive Three", "authors": ["C"], "year": 2020, "venue": "V", "arxiv_url": "https://arxiv.org/abs/2001.00003",
               "code_url": null, "tags": ["nlp"], "summary": "S3.", "why_it_matters": "W3.", "rank": 3},
              {"id": "a4", "title": "Archive Four", "authors": ["D"], "year": 2020, "venue": "V", "arxiv_url": "https://arxiv.org/abs/2001.00004",
               "code_url": null, "tags": ["audio"], "summary": "S4.", "why_it_matters": "W4.", "rank": 4}
            ]}
            """;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-11-02T09:00:00Z");
    private TestEnv env;

    @BeforeEach
    void setUp() {
        env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort()).set("DIGEST_PAPERS_PER_ISSUE", "2")
                .set("DIGEST_CATALOG", CatalogFiles.withText(dir, CATALOG).toString());
    }

    @Test
    void five_weeks_new_papers_lead_the_archive_fills_the_rest_and_a_reader_with_nothing_left_is_skipped() throws IOException {
        run("subscribers", "add", "ada@example.org", "--name", "Ada", "--topics", "nlp", "--confirmed");
        run("subscribers", "add", "alan@example.org", "--name", "Alan", "--confirmed");

        send(1);
        arrive(2, "owls", "@article{owl, title={Night Vision for Owls}, author={Hoot, Ollie}, year={2026}, keywords={vision}, url={https://example.org/owls}}", true);
        send(2);
        arrive(3, "whales", """
                @article{whale, title={Parsing Whale Songs}, author={Fin, Bea}, year={2026}, keywords={nlp}, doi={10.5555/whale.1}}
                @article{moss, title={Moss Growth Rates}, author={Green, Sal}, year={2026}, keywords={botany}, eprint={2411.07777}}
                """, true);
        arrive(3, "draft", "@article{d, title={An Unreviewed Draft}, author={Rush, Ed}, year={2026}, keywords={nlp}, url={https://example.org/draft}}", false);
        send(3);
        run("subscribers", "add", "kat@example.org", "--name", "Kat", "--confirmed");
        setWeek(4, 0);
        String dryRun = run("send", "--dry-run").out();
        send(4);
        CliRun fifth = send(5);

        Map<String, List<String>> ada = rows("ada@example.org");
        Map<String, List<String>> alan = rows("alan@example.org");
        assertThat(ada).containsExactly(
                Map.entry("1", List.of("a1", "a3", "new:0")),
                Map.entry("2", List.of("night-vision-for-owls-2026", "a2", "new:1")),
                Map.entry("3", List.of("parsing-whale-songs-2026", "moss-growth-rates-2026", "new:2")),
                Map.entry("4", List.of("a4", "new:0")),
                Map.entry("5", List.of("skipped")));
        assertThat(alan).containsExactly(
                Map.entry("1", List.of("a1", "a2", "new:0")),
                Map.entry("2", List.of("night-vision-for-owls-2026", "a3", "new:1")),
                Map.entry("3", List.of("parsing-whale-songs-2026", "moss-growth-rates-2026", "new:2")),
                Map.entry("4", List.of("a4", "new:0")),
                Map.entry("5", List.of("skipped")));
        assertThat(rows("kat@example.org")).containsExactly(
                Map.entry("4", List.of("a1", "a2", "new:0")),
                Map.entry("5", List.of("a3", "a4", "new:0")));
        assertThat(dryRun).contains("would send 3 messages and skip 0", "warning: the catalog is running dry: 0 readers would be skipped and 2"
                + " would get fewer than 2 papers");
        assertThat(fifth.out()).contains("Issue 5 planned: 1 messages");
        assertThat(run("issues", "show", "5").out()).contains("1 sent", "2 skipped");

        ReceivedMail second = mail("ada@example.org", 2);
        assertThat(second.text()).contains("NEW THIS WEEK", "FROM THE ARCHIVE", "Night Vision for Owls", "New this week",
                "Top of the list");
        assertThat(second.text().indexOf("Night Vision for Owls")).isLessThan(second.text().indexOf("FROM THE ARCHIVE"));
        assertThat(second.html()).contains(">New this week</h2>", ">From the archive</h2>");
        ReceivedMail third = mail("ada@example.org", 3);
        assertThat(third.text()).contains("New in nlp this week").doesNotContain("FROM THE ARCHIVE");
        assertThat(mail("ada@example.org", 1).text()).doesNotContain("NEW THIS WEEK", "FROM THE ARCHIVE");
        assertThat(greenMail.getReceivedMessages()).noneMatch(m -> new ReceivedMail(m).text().contains("An Unreviewed Draft"));
    }

    @Test
    void lint_checks_the_next_issue_as_planning_will_make_it_with_what_is_new_first() throws IOException {
        run("subscribers", "add", "ada@example.org", "--name", "Ada", "--topics", "nlp", "--confirmed");
        send(1);
        arrive(2, "owls", "@article{owl, title={Night Vision for Owls}, author={Hoot, Ollie}, year={2026}, keywords={vision}, url={https://example.org/owls}}", true);
        setWeek(2, 0);

        CliRun lint = run("lint");
        send(2);

        // The preheader names the first paper: the new one, as in the message that then goes out.
        assertThat(lint.out()).contains("PASS  preheader         \"This week: Night Vision for Owls");
        assertThat(mail("ada@example.org", 2).html()).contains("This week: Night Vision for Owls");
    }

    @Test
    void a_paper_without_our_summary_shows_a_labelled_excerpt_of_its_abstract() throws IOException {
        run("subscribers", "add", "ada@example.org", "--topics", "nlp", "--confirmed");
        arrive(1, "abstract", """
                @article{x, title={Long Abstracts Considered Useful}, author={Page, Len}, year={2026}, keywords={nlp},
                  url={https://example.org/long},
                  abstract={We argue that a long abstract helps a reader decide. %s The end.}}
                """.formatted("Words and more words. ".repeat(20)), true);

        send(1);

        ReceivedMail mail = mail("ada@example.org", 1);
        assertThat(mail.text()).contains("From the abstract: We argue that a long abstract helps a reader decide.")
                .doesNotContain("The end.").doesNotContain("Why it matters: null");
        assertThat(mail.html()).contains("<b>From the abstract:</b>");
    }

    @Test
    void the_editor_gets_one_short_mail_per_issue_with_what_went_out_the_drafts_and_the_runway() throws IOException {
        env.set("DIGEST_EDITOR_EMAIL", "editor@example.org");
        run("subscribers", "add", "ada@example.org", "--topics", "nlp", "--confirmed");
        run("subscribers", "add", "alan@example.org", "--confirmed");
        arrive(1, "draft", "@article{d, title={Waiting for Review}, author={Rush, Ed}, year={2026}, url={https://example.org/d}}", false);

        send(1);

        List<ReceivedMail> toEditor = ReceivedMail.all(greenMail.getReceivedMessages()).stream()
                .filter(m -> m.to().equals("editor@example.org")).toList();
        assertThat(toEditor).hasSize(1);
        assertThat(toEditor.get(0).subject()).isEqualTo("Issue 1 went out: 2 sent, 0 failed");
        assertThat(toEditor.get(0).text()).contains("Issue 1 is done.", "Sent: 2", "Failed: 0", "Bounces so far: 0 hard, 0 soft",
                "Catalog: 4 published, 1 drafts waiting for review", "Next issue: 0 of 2 readers would be skipped, 0 would get fewer than 2",
                "nlp: 0 issues left");
    }

    private CliRun run(String... args) {
        CliRun r = CliRun.run(env, clock, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }

    /** Sends the issue of week {@code n} (weeks start on Monday 2 November 2026). */
    private CliRun send(int week) {
        setWeek(week, 0);
        return run("send");
    }

    /** Imports BibTeX in the middle of the week before week {@code week}. */
    private void arrive(int week, String name, String bib, boolean publish) throws IOException {
        setWeek(week - 1, 3);
        Path file = Files.writeString(dir.resolve(name + ".bib"), bib);
        if (publish) {
            run("catalog", "import", "--publish", file.toString());
        } else {
            run("catalog", "import", file.toString());
        }
    }

    private void setWeek(int week, int days) {
        TestClock target = TestClock.at("2026-11-02T09:00:00Z");
        target.advance(Duration.ofDays(7L * (week - 1) + days));
        clock.advance(Duration.between(clock.instant(), target.instant()));
    }

    /** For each issue, the papers of the reader's row (then "new:N"), or "skipped". */
    private Map<String, List<String>> rows(String email) {
        try (App app = new App(Config.from(env.env()), clock)) {
            return app.database().withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT d.issue_number, d.papers, d.new_papers, d.status"
                        + " FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email = ? ORDER BY d.issue_number")) {
                    ps.setString(1, email);
                    Map<String, List<String>> out = new TreeMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            List<String> row = new ArrayList<>();
                            if (rs.getString(4).equals("skipped")) {
                                row.add("skipped");
                            } else {
                                row.addAll(List.of(rs.getString(2).split(",")));
                                row.add("new:" + rs.getInt(3));
                            }
                            out.put(String.valueOf(rs.getInt(1)), row);
                        }
                    }
                    return out;
                }
            });
        }
    }

    private static ReceivedMail mail(String to, int issue) {
        return ReceivedMail.all(greenMail.getReceivedMessages()).stream()
                .filter(m -> m.to().equals(to) && m.subject().contains("#" + issue + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no issue " + issue + " for " + to));
    }
}
