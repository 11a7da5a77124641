package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.config.Env;
import org.paperdigest.testing.CatalogFiles;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.SubscriberLists;
import org.paperdigest.testing.TestEnv;
import picocli.CommandLine;

/** The command line as an operator meets it: exit codes, messages that say what and where, help on every command. */
class CliTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private TestEnv env;

    @BeforeEach
    void setUp() {
        env = TestEnv.sqliteIn(dir).smtpPort(greenMail.getSmtp().getPort());
    }

    @Test
    void demo_sends_to_the_sample_readers_and_writes_an_inbox() throws IOException {
        Path out = dir.resolve("demo");

        CliRun demo = CliRun.run(env, "demo", "--out", out.toString());

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("Seeded a throw-away database with 5 sample subscribers.",
                "Sent issue 1 to 5 subscribers through GreenMail on 127.0.0.1:", "Wrote 5 messages (.eml and .html) to " + out,
                "Open " + out.resolve("index.html") + " in a browser");
        assertThat(filesIn(out, ".eml")).containsExactly("01-ada@example.org.eml", "02-alan@example.org.eml",
                "03-edsger@example.org.eml", "04-grace@example.org.eml", "05-katherine@example.org.eml");
        assertThat(filesIn(out, ".html")).hasSize(6).contains("index.html");
        String index = Files.readString(out.resolve("index.html"));
        assertThat(index).contains("Demo inbox: issue 1", "href=\"01-ada@example.org.html\"", "href=\"05-katherine@example.org.eml\"",
                "Johnson, Katherine");
        assertThat(Files.readString(out.resolve("01-ada@example.org.html"))).contains("Hi Ada Lovelace,", "Because you follow nlp");
        assertThat(Files.readString(out.resolve("01-ada@example.org.eml"))).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    }

    @Test
    void demo_replaces_its_earlier_inbox_and_leaves_other_files_alone() throws IOException {
        Path out = dir.resolve("demo");
        Files.createDirectories(out.resolve("notes"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        Files.writeString(out.resolve("07-old@example.org.eml"), "from an earlier demo");

        CliRun demo = CliRun.run(env, "demo", "--out", out.toString());

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(out.resolve("keep.txt")).hasContent("mine");
        assertThat(out.resolve("notes")).isDirectory();
        assertThat(out.resolve("07-old@example.org.eml")).doesNotExist();
        assertThat(filesIn(out, ".eml")).hasSize(5);
    }

    @Test
    void a_broken_catalog_is_bad_input_naming_file_entry_and_field() {
        Path catalog = CatalogFiles.bundledWithField(dir, 3, "arxiv_url", "\"arxiv.org/abs/1906.08237\"");
        env.set("DIGEST_CATALOG", catalog.toString());

        CliRun validate = CliRun.run(env, "catalog", "validate");
        CliRun send = CliRun.run(env, "send");

        String expected = "error: " + catalog + ": entry 3 (id \"xlnet\"): field \"arxiv_url\" must be an absolute http(s) URL,"
                + " got \"arxiv.org/abs/1906.08237\"\n";
        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.err()).isEqualTo(expected);
        assertThat(send.exitCode()).isEqualTo(2);
        assertThat(send.err()).isEqualTo(expected);
    }

    @Test
    void catalog_validate_checks_a_file_given_on_the_command_line() {
        Path good = CatalogFiles.bundledWith(dir, papers -> { });

        CliRun ok = CliRun.run(env, "catalog", "validate", good.toString());

        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).startsWith(good + ": OK, 10 papers, ");
    }

    @Test
    void catalog_list_shows_the_papers_in_rank_order() {
        CliRun list = CliRun.run(env, "catalog", "list");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines().skip(2).map(l -> l.strip().split("\\s+")[1]).limit(3).toList())
                .containsExactly("crd", "tas-network-pruning", "autoaugment-detection");
    }

    @Test
    void a_csv_with_bad_rows_imports_the_good_ones_and_exits_2_listing_each_bad_line() {
        Path csv = SubscriberLists.csv(dir, "list.csv", """
                email,name,topics
                ada@example.org,Ada,nlp
                ada@example,Ada,
                grace@example.org,Grace,vision
                alan@example.org,Alan,cooking
                """);

        CliRun run = CliRun.run(env, "subscribers", "import", csv.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly(
                csv + " line 3: 'ada@example' is not a valid email address: it has no dot in its domain",
                csv + " line 5: unknown topic 'cooking' (known topics: " + knownTopics() + ")");
        assertThat(run.out()).isEqualTo(csv + ": read as UTF-8 (valid UTF-8), delimiter ',' (from the header)\n"
                + csv + ": 4 rows: imported 2, updated 0, skipped 0, rejected 2.\n");
        assertThat(CliRun.run(env, "subscribers", "list").out()).contains("ada@example.org", "grace@example.org", "2 subscribers.");
    }

    @Test
    void a_csv_that_is_not_there_is_bad_input() {
        CliRun run = CliRun.run(env, "subscribers", "import", dir.resolve("missing.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + dir.resolve("missing.csv") + ": no such file\n");
    }

    @Test
    void a_database_url_for_another_product_is_bad_input() {
        CliRun run = CliRun.run(env.set("DIGEST_DB_URL", "jdbc:mysql://x"), "subscribers", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: DIGEST_DB_URL must be a jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB URL,"
                + " got 'jdbc:mysql://x' (set in environment)\n");
    }

    @Test
    void a_sqlite_path_that_cannot_be_created_is_bad_input() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        String url = "jdbc:sqlite:" + file.resolve("sub").resolve("digest.db");

        CliRun run = CliRun.run(env.set("DIGEST_DB_URL", url), "subscribers", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Cannot create the directory " + file.resolve("sub") + " for DIGEST_DB_URL=" + url);
    }

    @Test
    void a_sqlite_file_that_cannot_be_opened_is_bad_input() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("a-directory"));

        CliRun run = CliRun.run(env.set("DIGEST_DB_URL", "jdbc:sqlite:" + directory), "subscribers", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Cannot open the database at DIGEST_DB_URL=jdbc:sqlite:" + directory);
    }

    @Test
    void a_bad_smtp_port_is_bad_input() {
        CliRun run = CliRun.run(env.set("SMTP_PORT", "70000"), "send");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: SMTP_PORT must be a whole number from 1 to 65535, got '70000' (set in environment)\n");
    }

    @Test
    void send_without_a_secret_is_bad_input_and_says_how_to_make_one() {
        CliRun run = CliRun.run(env.unset("DIGEST_SECRET"), "send");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: DIGEST_SECRET is not set").contains("openssl rand -hex 32");
    }

    @Test
    void send_with_a_placeholder_or_short_secret_is_bad_input_and_says_how_to_make_one() {
        CliRun placeholder = CliRun.run(env.set("DIGEST_SECRET", "changeme"), "send", "--to", "editor@example.org");
        CliRun shortOne = CliRun.run(env.set("DIGEST_SECRET", "0123456789abcdef0123456789abcde"), "send", "--dry-run");
        CliRun oldShort = CliRun.run(env.set("DIGEST_SECRET", "0123456789abcdef0123456789abcdef")
                .set("DIGEST_SECRET_PREVIOUS", "secret"), "send", "--dry-run");

        assertThat(placeholder.exitCode()).isEqualTo(2);
        assertThat(placeholder.err()).startsWith("error: DIGEST_SECRET is too weak (a well-known placeholder)")
                .contains("openssl rand -hex 32").doesNotContain("changeme");
        assertThat(shortOne.exitCode()).isEqualTo(2);
        assertThat(shortOne.err()).startsWith("error: DIGEST_SECRET is too weak (31 bytes)");
        assertThat(oldShort.exitCode()).isEqualTo(2);
        assertThat(oldShort.err()).startsWith("error: DIGEST_SECRET_PREVIOUS is too weak");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_test_send_to_an_unreachable_server_is_a_runtime_failure() throws IOException {
        importSampleReaders();

        CliRun run = CliRun.run(env.smtpPort(closedPort()), "send", "--to", "editor@example.org");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: Cannot connect to the SMTP server 127.0.0.1:");
    }

    @Test
    void a_send_to_an_unreachable_server_stops_with_exit_1_and_keeps_the_issue_to_resume() throws IOException {
        importSampleReaders();

        CliRun run = CliRun.run(env.smtpPort(closedPort()), "send");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Stopped: Cannot connect to the SMTP server 127.0.0.1:",
                "Issue 1 has 5 messages left; run `send` again to resume it.");
        assertThat(CliRun.run(env, "issues", "show", "1").out()).contains("5 planned: 0 sent, 5 pending");
    }

    @Test
    void an_unknown_option_is_a_usage_error() {
        CliRun run = CliRun.run(env, "send", "--everyone");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--everyone'", "Usage: paper-digest send");
    }

    @Test
    void every_command_has_help() {
        List<List<String>> commands = new ArrayList<>();
        collect(Main.commandLine(new Main(overrides -> Env.of(Map.of()), Clock.systemUTC())), new ArrayList<>(), commands);

        assertThat(commands).extracting(c -> String.join(" ", c)).contains("demo", "send", "preview", "run", "subscribers add",
                "subscribers import", "subscribers export", "subscribers list", "subscribers remove", "catalog validate",
                "catalog list", "issues list", "issues show");
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            CliRun help = CliRun.run(env, args.toArray(String[]::new));
            assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).as(String.join(" ", command))
                    .startsWith("Usage: paper-digest" + (command.isEmpty() ? "" : " " + String.join(" ", command)));
        }
    }

    @Test
    void issues_list_and_show_report_what_went_out_as_text_and_json() throws IOException {
        importSampleReaders();
        assertThat(CliRun.run(env, "send").exitCode()).isZero();

        CliRun list = CliRun.run(env, "issues", "list");
        CliRun show = CliRun.run(env, "issues", "show", "1");
        JsonNode listJson = new ObjectMapper().readTree(CliRun.run(env, "issues", "list", "--json").out());
        JsonNode showJson = new ObjectMapper().readTree(CliRun.run(env, "issues", "show", "1", "--json").out());

        assertThat(list.out().lines().toList()).hasSize(2);
        assertThat(list.out().lines().toList().get(1).strip().split("\\s+")).startsWith("1", "manual", "done");
        assertThat(show.out()).startsWith("Issue 1 (manual, done)\n")
                .contains("deliveries   5 planned: 5 sent, 0 pending, 0 retrying, 0 failed, 0 skipped");
        assertThat(listJson).hasSize(1);
        // `show` adds the issue's bounces; everything else is the same record.
        assertThat(listJson.get(0)).isEqualTo(((com.fasterxml.jackson.databind.node.ObjectNode) showJson.deepCopy()).without("bounces"));
        assertThat(showJson.get("bounces").get("hard").asLong()).isZero();
        assertThat(showJson.get("number").asInt()).isEqualTo(1);
        assertThat(showJson.get("status").asText()).isEqualTo("done");
        assertThat(showJson.get("counts").get("sent").asLong()).isEqualTo(5);
        assertThat(showJson.get("first_sent").asText()).isNotEmpty();
        assertThat(((ObjectNode) showJson).has("top_errors")).isTrue();
    }

    @Test
    void issues_show_of_an_issue_that_does_not_exist_is_bad_input() {
        CliRun run = CliRun.run(env, "issues", "show", "9");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: There is no issue 9 (see `issues list`)\n");
    }

    @Test
    void subscribers_add_refuses_a_bad_address_and_an_unknown_topic() {
        CliRun badAddress = CliRun.run(env, "subscribers", "add", "ada@@example.org");
        CliRun badTopic = CliRun.run(env, "subscribers", "add", "ada@example.org", "--topics", "vision,knitting");

        assertThat(badAddress.exitCode()).isEqualTo(2);
        assertThat(badAddress.err()).isEqualTo(
                "error: 'ada@@example.org' is not a valid email address: it must contain exactly one @ with text on both sides\n");
        assertThat(badTopic.exitCode()).isEqualTo(2);
        assertThat(badTopic.err()).startsWith("error: --topics: unknown topic 'knitting'");
    }

    @Test
    void subscribers_add_list_and_remove() {
        assertThat(CliRun.run(env, "subscribers", "add", "Ada@Example.org", "--name", "Ada", "--topics", "nlp").out())
                .isEqualTo("Added Ada@example.org (pending).\n");
        assertThat(CliRun.run(env, "subscribers", "add", "ada@example.org", "--confirmed").out())
                .isEqualTo("Skipped: ada@example.org is pending; only their own confirmation makes them active.\n");
        assertThat(CliRun.run(env, "subscribers", "add", "grace@example.org", "--confirmed").out())
                .isEqualTo("Added grace@example.org (active).\n");

        assertThat(CliRun.run(env, "subscribers", "list", "--status", "active").out()).contains("grace@example.org", "1 subscriber active.");
        assertThat(CliRun.run(env, "subscribers", "remove", "ADA@example.org").out())
                .isEqualTo("Removed ADA@example.org (personal data, history and deliveries erased); the address stays on the"
                        + " suppression list.\n");
        CliRun.run(env, "subscribers", "remove", "grace@example.org");
        assertThat(CliRun.run(env, "subscribers", "list").out()).contains("0 subscribers.");
    }

    @Test
    void preview_writes_the_html_or_text_a_subscriber_would_get() throws IOException {
        importSampleReaders();
        Path html = dir.resolve("preview/ada.html");

        CliRun toFile = CliRun.run(env, "preview", "--subscriber", "ada@example.org", "--out", html.toString());
        CliRun text = CliRun.run(env, "preview", "--subscriber", "ada@example.org", "--text");

        assertThat(toFile.exitCode()).as(toFile.err()).isZero();
        assertThat(toFile.out()).startsWith("Wrote the HTML preview to " + html + " (subject: \"Paper Digest #1 — ");
        assertThat(Files.readString(html)).contains("Hi Ada Lovelace,", "Because you follow nlp");
        assertThat(text.out()).contains("Hi Ada Lovelace,").doesNotContain("<html");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private void importSampleReaders() throws IOException {
        assertThat(CliRun.run(env, "subscribers", "import", "subscribers/sample.csv").exitCode()).isZero();
    }

    private static String knownTopics() {
        return String.join(", ", new org.paperdigest.catalog.CatalogLoader().loadBundled().topics());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> filesIn(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, out);
        });
    }
}
