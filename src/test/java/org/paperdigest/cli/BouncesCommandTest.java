package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.testing.CliRun;
import org.paperdigest.testing.TestEnv;

class BouncesCommandTest {
    @TempDir
    Path dir;

    TestEnv env;
    long ada;
    String adaMessageId;

    @BeforeEach
    void one_reader() {
        env = TestEnv.sqliteIn(dir).set("DIGEST_BOUNCE_ADDRESS", "bounces@example.org");
        assertThat(CliRun.run(env, "subscribers", "add", "ada@example.net", "--confirmed").exitCode()).isZero();
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            ada = app.subscribers().find(EmailAddress.parse("ada@example.net")).orElseThrow().id();
            adaMessageId = app.messageIds().forDelivery(2, ada);
        }
    }

    @Test
    void check_prints_kind_recipient_status_reply_reason_and_the_delivery_and_changes_nothing() throws IOException {
        Path report = fixture("gmail-dsn-mailbox-full.eml");

        CliRun run = CliRun.run(env, "bounces", "check", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(report + ": soft  ada@example.net  5.2.2", "reason    the mailbox is full",
                "reply     552-5.2.2 The email account that you tried to reach is over quota", "read as   dsn",
                "delivery  issue 2, subscriber " + ada);
        try (App app = new App(env.config(), java.time.Clock.systemUTC())) {
            assertThat(app.subscribers().find(ada).orElseThrow().status()).isEqualTo(SubscriberStatus.ACTIVE);
            assertThat(app.bounces().ofSubscriber(ada, 10)).isEmpty();
        }
    }

    @Test
    void check_json_prints_one_object_per_file_one_per_line() throws Exception {
        List<String> files = new ArrayList<>();
        for (String name : List.of("postfix-dsn-user-unknown.eml", "exim-text-delayed.eml", "arf-complaint-mailbox-provider.eml",
                "never-sent-report.eml", "vacation-auto-reply.eml")) {
            files.add(fixture(name).toString());
        }
        List<String> args = new ArrayList<>(List.of("bounces", "check", "--json"));
        args.addAll(files);

        CliRun run = CliRun.run(env, args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(5);
        ObjectMapper json = new ObjectMapper();
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            JsonNode o = json.readTree(lines[i]);
            assertThat(o.get("file").asText()).isEqualTo(files.get(i));
            assertThat(o.has("recipient") && o.has("status") && o.has("reason") && o.has("reply")).isTrue();
            kinds.add(o.get("kind").asText());
        }
        assertThat(kinds).containsExactly("hard", "delay", "complaint", "ignored", "ignored");
        JsonNode first = json.readTree(lines[0]);
        assertThat(first.get("status").asText()).isEqualTo("5.1.1");
        assertThat(first.get("recipient").asText()).isEqualTo("ada@example.net");
        assertThat(first.get("subscriber_id").asLong()).isEqualTo(ada);
        assertThat(json.readTree(lines[3]).get("reason").asText()).startsWith("not about a message we sent");
    }

    @Test
    void a_missing_file_is_bad_input_and_the_others_are_still_checked() throws IOException {
        Path report = fixture("person-writing.eml");

        CliRun run = CliRun.run(env, "bounces", "check", dir.resolve("nope.eml").toString(), report.toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("cannot read " + dir.resolve("nope.eml"));
        assertThat(run.out()).contains(report + ": unrecognised");
    }

    /** Writes a fixture of src/test/resources/bounces/ as a bounce of ada's issue 2. */
    private Path fixture(String name) throws IOException {
        try (InputStream in = BouncesCommandTest.class.getResourceAsStream("/bounces/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{VERP}}", "bounces@example.org")
                    .replace("{{RECIPIENT}}", "ada@example.net")
                    .replace("{{MESSAGE_ID}}", adaMessageId)
                    .replace("{{ISSUE}}", "2");
            Path out = dir.resolve(name);
            Files.writeString(out, text.replace("\r\n", "\n").replace("\n", "\r\n"), StandardCharsets.UTF_8);
            return out;
        }
    }
}
