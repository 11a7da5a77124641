package org.paperdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
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
import org.paperdigest.subscribers.csv.CsvOptions;
import org.paperdigest.subscribers.csv.CsvRows;
import org.paperdigest.testing.SubscriberLists;
import org.paperdigest.testing.TestEnv;

/** Imports of files as spreadsheets and other newsletter tools save them (fixtures are bytes). */
class SubscriberImportFilesTest {

    @TempDir
    Path dir;

    private final List<App> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(App::close);
    }

    App app(String name) {
        App app = new App(TestEnv.sqliteIn(dir.resolve(name)).config(), Clock.systemUTC());
        opened.add(app);
        return app;
    }

    @Test
    void an_excel_windows_1252_file_with_semicolons_imports_every_row() throws IOException {
        App app = app("list");

        Imported result = importFile(app, fixture("excel-windows-1252-semicolon.csv"), CsvOptions.DETECT, false);

        assertThat(result.report.summary()).isEqualTo("imported 3, updated 0, skipped 0, rejected 0");
        assertThat(subscriber(app, "jose@example.org").name()).isEqualTo("José Müller");
        assertThat(subscriber(app, "anna@example.org").name()).isEqualTo("Anna Größ – “Ännchen”");
        assertThat(subscriber(app, "anna@example.org").topics()).containsExactly("vision");
    }

    @Test
    void an_excel_unicode_text_file_imports_every_row() throws IOException {
        App app = app("list");

        Imported result = importFile(app, fixture("excel-unicode-text-utf16le.txt"), CsvOptions.DETECT, false);

        assertThat(result.report.summary()).isEqualTo("imported 2, updated 0, skipped 0, rejected 0");
        assertThat(subscriber(app, "li@example.org").name()).isEqualTo("李雷");
    }

    @Test
    void a_late_non_utf8_byte_in_a_long_file_is_detected_and_every_row_imported() throws IOException {
        App app = app("list");
        Path file = SubscriberLists.withLateAccent(dir, "late.csv", 3000, 2501);

        Imported result = importFile(app, file, CsvOptions.DETECT, false);

        assertThat(result.report.summary()).isEqualTo("imported 3000, updated 0, skipped 0, rejected 0");
        assertThat(subscriber(app, "reader2501@example.org").name()).isEqualTo("Renée 2501");
    }

    @Test
    void read_as_utf8_a_late_bad_byte_rejects_its_row_alone_and_the_counts_add_up() throws IOException {
        App app = app("list");
        Path file = SubscriberLists.withLateAccent(dir, "late.csv", 3000, 2501);

        Imported result = importFile(app, file, new CsvOptions("UTF-8", null), false);

        assertThat(result.report.problems()).containsExactly(
                "line 2502: byte 0xE9 is not valid UTF-8 (--encoding names the file's encoding)");
        assertThat(result.report.summary()).isEqualTo("imported 2999, updated 0, skipped 0, rejected 1");
        assertThat(counted(result.report)).isEqualTo(result.dataRows).isEqualTo(3000);
        assertThat(app.subscribers().find(EmailAddress.parse("reader3000@example.org"))).isPresent();
    }

    @Test
    void capitalised_and_aliased_headers_import() throws IOException {
        App app = app("list");

        Imported capitalised = importFile(app, fixture("capitalised-headers.csv"), CsvOptions.DETECT, false);
        Imported aliased = importFile(app, fixture("aliased-headers.csv"), CsvOptions.DETECT, false);

        assertThat(capitalised.report.summary()).isEqualTo("imported 1, updated 0, skipped 0, rejected 0");
        assertThat(aliased.report.summary()).isEqualTo("imported 1, updated 0, skipped 1, rejected 0");
        assertThat(aliased.ignored).containsExactly("Phone");
        assertThat(subscriber(app, "ada@example.org").name()).isEqualTo("Ada Lovelace");
        assertThat(subscriber(app, "grace@example.org").name()).isEqualTo("Grace");
    }

    @Test
    void a_duplicate_header_refuses_the_file_and_changes_nothing() {
        App app = app("list");

        assertThatThrownBy(() -> importFile(app, fixture("duplicate-header.csv"), CsvOptions.DETECT, false))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("the column 'E-mail' (column 3) repeats the email column 'email' (column 1)");
        assertThat(everyone(app)).isEmpty();
    }

    @Test
    void bare_comma_rows_are_skipped_like_blank_lines() throws IOException {
        App app = app("list");

        Imported result = importFile(app, fixture("bare-comma-rows.csv"), CsvOptions.DETECT, false);

        assertThat(result.report.summary()).isEqualTo("imported 2, updated 0, skipped 0, rejected 0");
        assertThat(result.dataRows).isEqualTo(2);
    }

    @Test
    void a_corrected_row_after_a_rejected_one_is_no_duplicate() throws IOException {
        App app = app("list");

        Imported result = importFile(app, fixture("corrected-duplicate.csv"), CsvOptions.DETECT, false);

        assertThat(result.report.problems()).containsExactly(
                "line 2: unknown topic 'knitting' (known topics: " + String.join(", ", app.catalog().topics()) + ")",
                "line 4: ADA@example.org is already on line 3");
        assertThat(result.report.summary()).isEqualTo("imported 1, updated 0, skipped 0, rejected 2");
        assertThat(subscriber(app, "ada@example.org").topics()).containsExactly("nlp");
    }

    @Test
    void duplicates_are_found_across_batches() {
        App app = app("list");
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 1; i <= 1200; i++) {
            csv.append("reader").append(i % 1100).append("@example.org,Reader\n");
        }

        ImportReport report = app.subscriberCsv().importFrom(new StringReader(csv.toString()), "test.csv");

        assertThat(report.summary()).isEqualTo("imported 1100, updated 0, skipped 0, rejected 100");
        assertThat(report.problems()).first().isEqualTo("line 1102: reader1@example.org is already on line 2");
    }

    @Test
    void idn_and_upper_case_a_label_addresses_are_one_normal_form() throws IOException {
        App app = app("list");

        Imported result = importFile(app, fixture("idn-addresses.csv"), CsvOptions.DETECT, false);

        assertThat(result.report.problems()).containsExactly(
                "line 4: user@xn--mnchen-3ya.de is already on line 2",
                "line 5: 'иван@пример.рф' is not a valid email address: it has non-ASCII characters before the @,"
                        + " which only servers speaking SMTPUTF8 accept and paper-digest does not send that way");
        assertThat(everyone(app)).extracting(Subscriber::email).containsExactly("user@xn--mnchen-3ya.de", "IVAN@primer.xn--p1ai");
    }

    @Test
    void invisible_characters_around_addresses_are_trimmed_with_a_note() throws IOException {
        App app = app("list");

        Imported result = importFile(app, fixture("invisible-characters.csv"), CsvOptions.DETECT, false);

        assertThat(result.report.notes()).containsExactly(
                "line 2: removed U+00A0 NO-BREAK SPACE around ada@example.org",
                "line 3: removed U+200B ZERO WIDTH SPACE around grace@example.org",
                "line 4: removed U+FEFF ZERO WIDTH NO-BREAK SPACE around alan@example.org");
        assertThat(result.report.problems()).containsExactly("line 5: 'kat\u200b@example.org' is not a valid email address:"
                + " it contains an invisible character (U+200B ZERO WIDTH SPACE)");
        assertThat(everyone(app)).extracting(Subscriber::email)
                .containsExactly("ada@example.org", "grace@example.org", "alan@example.org");
    }

    @Test
    void formula_names_are_neutralised_in_the_export_and_restored_exactly_on_import() {
        App source = app("source");
        List<String> names = List.of("=HYPERLINK(\"https://evil.example/\",\"Click\")", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
                "-2+3", "'=already quoted", "''+two quotes", "Ada Lovelace", "'plain quote");
        for (int i = 0; i < names.size(); i++) {
            source.consent().add(EmailAddress.parse("reader" + i + "@example.org"), names.get(i), List.of(), true, Consent.Source.CLI);
        }
        source.consent().add(EmailAddress.parse("=ada@example.org"), "Ada", List.of(), true, Consent.Source.CLI);

        String export = export(source);

        assertThat(export.lines().skip(1)).allSatisfy(line -> {
            for (String cell : line.split(",")) {
                String value = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(value).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
            }
        });
        assertThat(export).contains("'=HYPERLINK(", "'+cmd|", "'@SUM(", "'-2+3", "''=already quoted", "'''+two quotes",
                "'=ada@example.org", ",'plain quote,");
        App target = app("target");
        ImportReport report = target.subscriberCsv().importFrom(new StringReader(export), "export.csv");
        assertThat(report.summary()).isEqualTo("imported 9, updated 0, skipped 0, rejected 0");
        assertThat(everyone(target)).extracting(Subscriber::email, Subscriber::name)
                .containsExactlyElementsOf(everyone(source).stream()
                        .map(s -> org.assertj.core.groups.Tuple.tuple(s.email(), s.name())).toList());
    }

    @Test
    void a_dry_run_prints_the_same_report_and_changes_nothing() throws IOException {
        App app = app("list");
        app.consent().add(EmailAddress.parse("ada@example.org"), "Ada", List.of(), false, Consent.Source.CLI);
        Path file = dir.resolve("list.csv");
        Files.writeString(file, "email,name,topics\nada@example.org,Ada L,\ngrace@example.org,Grace,\nGRACE@example.org,G,\nbad,,\n");
        List<Subscriber> before = everyone(app);

        Imported dry = importFile(app, file, CsvOptions.DETECT, true);

        assertThat(everyone(app)).isEqualTo(before);
        Imported real = importFile(app, file, CsvOptions.DETECT, false);
        assertThat(dry.report).isEqualTo(real.report);
        assertThat(real.report.summary()).isEqualTo("imported 1, updated 1, skipped 0, rejected 2");
    }

    @Test
    void a_finished_import_leaves_nothing_in_its_ledger() throws Exception {
        App app = app("list");

        app.subscriberCsv().importFrom(new StringReader("email\nada@example.org\n"), "test.csv");

        try (var c = app.database().connection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM import_seen) + (SELECT COUNT(*) FROM import_runs)")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    /** What one file import reported, with what the reader saw. */
    record Imported(ImportReport report, long dataRows, List<String> ignored) {}

    static Imported importFile(App app, Path file, CsvOptions options, boolean dryRun) throws IOException {
        try (CsvRows rows = CsvRows.open(file, options)) {
            ImportReport report = app.subscriberCsv().importFrom(rows, dryRun, ImportLog.NONE);
            return new Imported(report, rows.dataRows(), rows.ignoredColumns());
        }
    }

    static long counted(ImportReport r) {
        return (long) r.imported() + r.updated() + r.skipped() + r.rejected();
    }

    static Path fixture(String name) {
        try {
            return Path.of(SubscriberImportFilesTest.class.getResource("csv/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String export(App app) {
        StringWriter out = new StringWriter();
        app.subscriberCsv().exportTo(out);
        return out.toString();
    }

    static Subscriber subscriber(App app, String email) {
        return app.subscribers().find(EmailAddress.parse(email)).orElseThrow();
    }

    static List<Subscriber> everyone(App app) {
        List<Subscriber> all = new ArrayList<>();
        app.subscribers().forEach(null, all::add);
        return all;
    }
}
