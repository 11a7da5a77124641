package org.paperdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.App;
import org.paperdigest.config.BadInputException;
import org.paperdigest.testing.TestEnv;

class SubscriberCsvTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private final List<App> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(App::close);
    }

    @Test
    void imports_quoted_fields_with_commas_and_quotes() {
        App app = appWithDatabase("list");

        ImportReport report = importText(app, """
                email,name,topics
                katherine@example.org,"Johnson, Katherine","automl;nas"
                bob@example.org,"Bob ""The Builder"" Smith",
                """);

        assertThat(report.summary()).isEqualTo("imported 2, updated 0, skipped 0, rejected 0");
        assertThat(subscriber(app, "katherine@example.org").name()).isEqualTo("Johnson, Katherine");
        assertThat(subscriber(app, "katherine@example.org").topics()).containsExactly("automl", "nas");
        assertThat(subscriber(app, "bob@example.org").name()).isEqualTo("Bob \"The Builder\" Smith");
        assertThat(subscriber(app, "bob@example.org").topics()).isEmpty();
    }

    @Test
    void imported_readers_are_active() {
        App app = appWithDatabase("list");

        importText(app, "email,name,topics\nada@example.org,Ada,\n");

        assertThat(subscriber(app, "ada@example.org").status()).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void imports_utf8_with_a_byte_order_mark() throws IOException {
        App app = appWithDatabase("list");
        Path file = csvFile(BOM, "email,name,topics\nzoe@example.org,Zoë Ωmega,vision\n");

        ImportReport report = importFile(app, file);

        assertThat(report.rejected()).isZero();
        assertThat(subscriber(app, "zoe@example.org").name()).isEqualTo("Zoë Ωmega");
    }

    @Test
    void imports_utf8_without_a_byte_order_mark() throws IOException {
        App app = appWithDatabase("list");
        Path file = csvFile(new byte[0], "email,name,topics\nli@example.org,李雷,nlp\n");

        ImportReport report = importFile(app, file);

        assertThat(report.rejected()).isZero();
        assertThat(subscriber(app, "li@example.org").name()).isEqualTo("李雷");
    }

    @Test
    void reports_every_bad_row_by_line_and_imports_the_good_ones() {
        App app = appWithDatabase("list");

        ImportReport report = importText(app, """
                email,name,topics
                ada@example.org,Ada,nlp
                not-an-address,Nobody,
                grace@example.org,Grace,knitting
                alan@example.org,Alan
                edsger@example.org,Edsger,,extra
                ADA@example.org,Ada again,
                katherine@example.org,Katherine,vision
                """);

        assertThat(report.problems()).containsExactly(
                "line 3: 'not-an-address' is not a valid email address: it must contain exactly one @ with text on both sides",
                "line 4: unknown topic 'knitting' (known topics: " + String.join(", ", app.catalog().topics()) + ")",
                "line 5: has 2 fields, the header has 3",
                "line 6: has 4 fields, the header has 3",
                "line 7: ADA@example.org is already on line 2");
        assertThat(report.summary()).isEqualTo("imported 2, updated 0, skipped 0, rejected 5");
        assertThat(app.subscribers().find(EmailAddress.parse("katherine@example.org"))).isPresent();
        assertThat(app.subscribers().find(EmailAddress.parse("grace@example.org"))).isEmpty();
    }

    @Test
    void line_numbers_count_the_lines_of_a_quoted_field_that_spans_lines() {
        App app = appWithDatabase("list");

        ImportReport report = importText(app, "email,name,topics\n"
                + "ada@example.org,\"Ada\nLovelace\",\n"
                + "bad@,Bad,\n");

        assertThat(report.problems()).singleElement().asString().startsWith("line 4: 'bad@' is not a valid email address");
        assertThat(subscriber(app, "ada@example.org").name()).isEqualTo("Ada Lovelace");
    }

    @Test
    void control_characters_in_names_are_stripped() {
        App app = appWithDatabase("list");

        importText(app, "email,name,topics\nada@example.org,\"Ada\u0000\u001b Lovelace\",\n");

        assertThat(subscriber(app, "ada@example.org").name()).isEqualTo("Ada Lovelace");
    }

    @Test
    void importing_the_same_file_again_changes_nothing() {
        App app = appWithDatabase("list");
        String csv = """
                email,name,topics
                ada@example.org,Ada Lovelace,nlp;transformers
                grace@example.org,Grace Hopper,vision
                alan@example.org,,
                """;
        importText(app, csv);
        List<Subscriber> before = everyone(app);

        ImportReport again = importText(app, csv);

        assertThat(again.summary()).isEqualTo("imported 0, updated 0, skipped 3, rejected 0");
        assertThat(everyone(app)).isEqualTo(before);
    }

    @Test
    void counts_imported_updated_skipped_and_rejected_rows() {
        App app = appWithDatabase("list");
        importText(app, "email,name,topics\nada@example.org,Ada,\ngrace@example.org,Grace,\n");

        ImportReport report = importText(app, """
                email,name,topics
                ada@example.org,Ada Lovelace,
                grace@example.org,Grace,
                alan@example.org,Alan,
                oops,Oops,
                """);

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(subscriber(app, "ada@example.org").name()).isEqualTo("Ada Lovelace");
    }

    @Test
    void a_pending_reader_in_the_file_stays_pending_until_their_own_confirmation() {
        App app = appWithDatabase("list");
        app.consent().add(EmailAddress.parse("ada@example.org"), "Ada", List.of(), false, Consent.Source.CLI);

        ImportReport report = importText(app, "email,name,topics\nada@example.org,Ada,\n");

        assertThat(report.updated()).isZero();
        assertThat(report.notes()).containsExactly("line 2: ada@example.org is pending; only their own confirmation makes them active");
        assertThat(subscriber(app, "ada@example.org").status()).isEqualTo(SubscriberStatus.PENDING);
    }

    @Test
    void unsubscribed_and_bounced_readers_are_not_resurrected() {
        App app = appWithDatabase("list");
        importText(app, "email,name,topics\nada@example.org,Ada,\ngrace@example.org,Grace,\n");
        app.consent().unsubscribe(subscriber(app, "ada@example.org").id(), Consent.Source.CLI, "test");
        app.consent().bounced(subscriber(app, "grace@example.org").id(), Consent.Source.BOUNCE, "test");

        ImportReport report = importText(app, "email,name,topics\nada@example.org,Ada,\ngrace@example.org,Grace,\n");

        assertThat(report.summary()).isEqualTo("imported 0, updated 0, skipped 2, rejected 0");
        assertThat(report.notes()).containsExactly("line 2: ada@example.org is unsubscribed; left as it is",
                "line 3: grace@example.org is bounced; left as it is");
        assertThat(subscriber(app, "ada@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(subscriber(app, "grace@example.org").status()).isEqualTo(SubscriberStatus.BOUNCED);
    }

    @Test
    void an_export_imports_back_into_the_same_list_without_changes() {
        App app = appWithDatabase("list");
        importText(app, "email,name,topics\nada@example.org,\"Lovelace, Ada\",nlp;vision\ngrace@example.org,,\n");
        app.consent().add(EmailAddress.parse("alan@example.org"), "Alan", List.of(), false, Consent.Source.CLI);
        app.consent().unsubscribe(subscriber(app, "grace@example.org").id(), Consent.Source.CLI, "test");
        List<Subscriber> before = everyone(app);

        ImportReport report = importText(app, export(app));

        assertThat(report.imported() + report.updated() + report.rejected()).isZero();
        assertThat(everyone(app)).isEqualTo(before);
    }

    @Test
    void an_export_imports_into_a_new_list_with_the_same_readers_topics_and_statuses() {
        App source = appWithDatabase("source");
        importText(source, "email,name,topics\nada@example.org,\"Lovelace, Ada\",nlp;vision\ngrace@example.org,,\n");
        source.consent().add(EmailAddress.parse("alan@example.org"), "Alan", List.of(), false, Consent.Source.CLI);
        source.consent().add(EmailAddress.parse("kat@example.org"), "Kat", List.of(), true, Consent.Source.CLI);
        source.consent().unsubscribe(subscriber(source, "grace@example.org").id(), Consent.Source.CLI, "test");
        source.consent().bounced(subscriber(source, "kat@example.org").id(), Consent.Source.BOUNCE, "test");
        App target = appWithDatabase("target");

        ImportReport report = importText(target, export(source));

        assertThat(report.summary()).isEqualTo("imported 4, updated 0, skipped 0, rejected 0");
        assertThat(everyone(target)).extracting(Subscriber::email, Subscriber::name, Subscriber::topics, Subscriber::status)
                .containsExactlyElementsOf(everyone(source).stream()
                        .map(s -> org.assertj.core.groups.Tuple.tuple(s.email(), s.name(), s.topics(), s.status())).toList());
        assertThat(subscriber(target, "grace@example.org").unsubscribedAt()).isNotNull();
        assertThat(subscriber(target, "kat@example.org").bouncedAt()).isNotNull();
    }

    @Test
    void a_file_without_an_email_column_is_refused_as_a_whole() {
        App app = appWithDatabase("list");

        assertThatThrownBy(() -> importText(app, "mail,name\nada@example.org,Ada\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("test.csv line 1: the header has no 'email' column");
    }

    @Test
    void an_unknown_status_in_the_file_is_a_bad_row() {
        App app = appWithDatabase("list");

        ImportReport report = importText(app, "email,name,topics,status\nada@example.org,Ada,,vip\ngrace@example.org,Grace,,active\n");

        assertThat(report.problems()).containsExactly(
                "line 2: unknown status 'vip' (expected pending, active, unsubscribed, bounced or complained)");
        assertThat(report.imported()).isEqualTo(1);
    }

    private App appWithDatabase(String name) {
        Path home = dir.resolve(name);
        App app = new App(TestEnv.sqliteIn(home).config(), Clock.systemUTC());
        opened.add(app);
        return app;
    }

    private static ImportReport importText(App app, String csv) {
        return app.subscriberCsv().importFrom(new StringReader(csv), "test.csv");
    }

    private static ImportReport importFile(App app, Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return app.subscriberCsv().importFrom(in, file.toString());
        }
    }

    private Path csvFile(byte[] prefix, String text) throws IOException {
        Path file = dir.resolve("list.csv");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return Files.write(file, all);
    }

    private static String export(App app) {
        StringWriter out = new StringWriter();
        app.subscriberCsv().exportTo(out);
        return out.toString();
    }

    private static Subscriber subscriber(App app, String email) {
        return app.subscribers().find(EmailAddress.parse(email)).orElseThrow();
    }

    private static List<Subscriber> everyone(App app) {
        List<Subscriber> all = new ArrayList<>();
        app.subscribers().forEach(null, all::add);
        return all;
    }

}
