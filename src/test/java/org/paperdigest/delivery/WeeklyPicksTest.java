package org.paperdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.catalog.Catalog;
import org.paperdigest.catalog.CatalogLoader;
import org.paperdigest.catalog.Paper;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.ReceivedMail;
import org.paperdigest.testing.SubscriberLists;
import org.paperdigest.testing.TestEnv;

/** Picks across several weekly issues, through the real send path: planning, SMTP, history. */
class WeeklyPicksTest {
    private static final Pattern SUBJECT_ISSUE = Pattern.compile("#(\\d+) ");
    private static final Pattern PAPER_LINK = Pattern.compile("^Paper: (\\S+)$", Pattern.MULTILINE);
    private static final Catalog CATALOG = new CatalogLoader().loadBundled();

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private TestEnv env;

    @BeforeEach
    void setUp() {
        env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort()).set("DIGEST_PAPERS_PER_ISSUE", "4");
    }

    @Test
    void four_weekly_issues_never_repeat_a_paper_start_late_joiners_at_the_top_and_skip_readers_who_have_had_everything() {
        importReaders("""
                email,name,topics
                ada@example.org,Ada,nlp
                grace@example.org,Grace,vision;video
                alan@example.org,Alan,
                """);

        assertThat(sendInWeek(1).out()).contains("Issue 1 planned: 3 messages", "sent 3");
        assertThat(sendInWeek(2).out()).contains("Issue 2 planned: 3 messages", "sent 3");
        assertThat(CliRun.run(env, week(3), "subscribers", "add", "kat@example.org", "--name", "Kat", "--confirmed").exitCode())
                .isZero();
        assertThat(sendInWeek(3).out()).contains("Issue 3 planned: 4 messages", "sent 4");
        CliRun fourth = sendInWeek(4);

        assertThat(fourth.out()).contains("Issue 4 planned: 1 messages", "sent 1", "Issue 4 is complete.");
        Map<String, List<List<String>>> papers = papersByReader();
        assertThat(papers.get("ada@example.org")).containsExactly(
                List.of("xlnet", "transformer-xl", "crd", "tas-network-pruning"),
                List.of("autoaugment-detection", "struct2depth", "auto-keras", "dain"),
                List.of("openpose", "fastfcn"));
        assertThat(papers.get("grace@example.org").get(0)).containsExactly("crd", "tas-network-pruning", "autoaugment-detection",
                "struct2depth");
        assertThat(papers.get("alan@example.org").get(0)).containsExactly("crd", "tas-network-pruning", "autoaugment-detection",
                "xlnet");
        for (String reader : List.of("ada@example.org", "grace@example.org", "alan@example.org")) {
            assertThat(papers.get(reader)).as(reader).hasSize(3);
            assertThat(papers.get(reader).stream().flatMap(List::stream).toList()).as(reader)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(CATALOG.papers().stream().map(Paper::id).toList());
        }
        assertThat(papers.get("kat@example.org")).containsExactly(
                List.of("crd", "tas-network-pruning", "autoaugment-detection", "xlnet"),
                List.of("transformer-xl", "struct2depth", "auto-keras", "dain"));
        assertThat(issuesOf("kat@example.org")).containsExactly(3, 4);
        String issue4 = CliRun.run(env, week(4), "issues", "show", "4").out();
        assertThat(issue4).contains("4 planned: 1 sent, 0 pending, 0 retrying, 0 failed, 3 skipped");
    }

    @Test
    void when_every_reader_has_had_every_paper_no_issue_is_made() {
        env.set("DIGEST_PAPERS_PER_ISSUE", "10");
        importReaders("email,name,topics\nada@example.org,Ada,nlp\nalan@example.org,Alan,\n");
        assertThat(sendInWeek(1).out()).contains("sent 2");

        CliRun second = sendInWeek(2);

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains(
                "Nothing to send: every active subscriber has already received every paper in the catalog.");
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(CliRun.run(env, week(2), "issues", "list", "--json").out()).containsOnlyOnce("\"number\" : 1,")
                .doesNotContain("\"number\" : 2");
        assertThat(CliRun.run(env, week(2), "issues", "show", "2").exitCode()).isEqualTo(2);
    }

    private void importReaders(String csv) {
        Path file = SubscriberLists.csv(dir, "readers.csv", csv);
        assertThat(CliRun.run(env, week(0), "subscribers", "import", file.toString()).exitCode()).isZero();
    }

    private CliRun sendInWeek(int week) {
        CliRun run = CliRun.run(env, week(week), "send");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static Clock week(int n) {
        return Clock.offset(Clock.systemUTC(), Duration.ofDays(7L * n));
    }

    /** For each reader, the paper ids of each digest they received, in issue order. */
    private static Map<String, List<List<String>>> papersByReader() {
        Map<String, List<List<String>>> out = new HashMap<>();
        for (ReceivedMail mail : sortedByIssue()) {
            List<String> ids = new ArrayList<>();
            Matcher m = PAPER_LINK.matcher(mail.text());
            while (m.find()) {
                String url = m.group(1);
                ids.add(CATALOG.papers().stream().filter(p -> p.arxivUrl().toString().equals(url)).findFirst()
                        .orElseThrow().id());
            }
            out.computeIfAbsent(mail.to(), k -> new ArrayList<>()).add(ids);
        }
        return out;
    }

    private static List<Integer> issuesOf(String reader) {
        return sortedByIssue().stream().filter(m -> m.to().equals(reader)).map(WeeklyPicksTest::issueNumber).toList();
    }

    private static List<ReceivedMail> sortedByIssue() {
        List<ReceivedMail> all = new ArrayList<>(ReceivedMail.all(greenMail.getReceivedMessages()));
        all.sort((a, b) -> Integer.compare(issueNumber(a), issueNumber(b)));
        return all;
    }

    private static int issueNumber(ReceivedMail mail) {
        Matcher m = SUBJECT_ISSUE.matcher(mail.subject());
        assertThat(m.find()).as(mail.subject()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
