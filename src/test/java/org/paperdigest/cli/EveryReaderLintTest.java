package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.testing.CatalogFiles;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TestEnv;

/**
 * `lint` and the lint before `send` check every reader's message, not one: a reader whose topic
 * brings a paper with thousands of authors gets a digest Gmail would clip, and is named.
 */
class EveryReaderLintTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private TestEnv env;

    @BeforeEach
    void setUp() {
        // FastFCN (rank 10, the only "segmentation" paper) with a collaboration-sized author list.
        Path catalog = CatalogFiles.bundledWith(dir, papers -> {
            ArrayNode authors = ((ObjectNode) papers.get(9)).putArray("authors");
            for (int i = 1; i <= 5000; i++) {
                authors.add("Author Number" + i + " Collaboration");
            }
        });
        env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort()).set("DIGEST_CATALOG", catalog.toString());
        add("ada@example.net");
        add("grace@example.net");
        add("bob@example.net", "--topics", "segmentation");
    }

    @Test
    void lint_names_the_reader_whose_digest_gmail_would_clip() {
        CliRun lint = CliRun.run(env, "lint");

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isEqualTo(1);
        assertThat(lint.out()).contains("Checking issue 1 as each of its 3 readers would get it (2 distinct messages):",
                "FAIL  html-size", "Gmail clips at 102 KB", "html-size fails for 1 reader: bob@example.net");
        assertThat(lint.out()).doesNotContain("ada@example.net", "grace@example.net");
    }

    @Test
    void one_reader_is_checked_alone_with_subscriber() {
        CliRun ada = CliRun.run(env, "lint", "--subscriber", "ada@example.net");

        assertThat(ada.exitCode()).as(ada.out()).isZero();
        assertThat(ada.out()).contains("Checking the next issue as ada@example.net would get it:", "PASS  html-size");
    }

    @Test
    void send_refuses_while_one_readers_digest_would_be_clipped_and_sends_with_force() {
        CliRun refused = CliRun.run(env, "send");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("not sending", "FAIL  html-size", "html-size fails for 1 reader: bob@example.net", "--force");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(CliRun.run(env, "issues", "list").out()).doesNotContain("Issue 1");

        CliRun forced = CliRun.run(env, "send", "--force");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(3);
    }

    @Test
    void an_unfinished_issue_is_checked_with_the_papers_planned_for_its_readers() {
        CliRun first = CliRun.run(env, "send", "--force", "--limit", "1");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);

        CliRun lint = CliRun.run(env, "lint");

        assertThat(lint.out()).contains("Checking issue 1 as each of its 2 readers would get it (2 distinct messages):",
                "html-size fails for 1 reader: bob@example.net");
    }

    @Test
    void a_fail_names_ten_readers_and_counts_the_rest() throws Exception {
        StringBuilder csv = new StringBuilder("email,name,topics\n");
        for (int i = 1; i <= 12; i++) {
            csv.append("seg").append(i).append("@example.net,Seg ").append(i).append(",segmentation\n");
        }
        Path list = java.nio.file.Files.writeString(dir.resolve("list.csv"), csv);
        assertThat(CliRun.run(env, "subscribers", "import", list.toString()).exitCode()).isZero();

        CliRun lint = CliRun.run(env, "lint");

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains("Checking issue 1 as each of its 15 readers would get it (2 distinct messages):")
                .containsPattern("html-size fails for 13 readers: (\\S+@example\\.net, ){9}\\S+@example\\.net and 3 more");
    }

    private void add(String email, String... options) {
        String[] args = new String[4 + options.length];
        args[0] = "subscribers";
        args[1] = "add";
        args[2] = email;
        args[3] = "--confirmed";
        System.arraycopy(options, 0, args, 4, options.length);
        CliRun r = CliRun.run(env, args);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
