package org.paperdigest.subscribers.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paperdigest.config.BadInputException;
import org.paperdigest.testing.SubscriberLists;

class CsvRowsTest {

    @TempDir
    Path dir;

    @Test
    void excel_windows_1252_with_semicolons_is_detected_and_decoded() throws IOException {
        try (CsvRows rows = CsvRows.open(fixture("excel-windows-1252-semicolon.csv"), CsvOptions.DETECT)) {
            List<CsvLine> all = all(rows);

            assertThat(rows.encoding()).get().extracting(e -> e.charset().name()).isEqualTo("windows-1252");
            assertThat(rows.describe()).isEqualTo("read as windows-1252 (detected; --encoding overrides), delimiter ';' (from the header)");
            assertThat(all).containsExactly(
                    row(2, "jose@example.org", "José Müller", "nlp"),
                    row(3, "francois@example.org", "François Côté", ""),
                    row(4, "anna@example.org", "Anna Größ – “Ännchen”", "vision"));
        }
    }

    @Test
    void excel_unicode_text_is_utf16le_with_a_bom_and_tabs() throws IOException {
        try (CsvRows rows = CsvRows.open(fixture("excel-unicode-text-utf16le.txt"), CsvOptions.DETECT)) {
            List<CsvLine> all = all(rows);

            assertThat(rows.describe()).isEqualTo("read as UTF-16LE (byte order mark), delimiter TAB (from the header)");
            assertThat(all).containsExactly(
                    row(2, "zoe@example.org", "Zoë Ωmega", "vision"),
                    row(3, "li@example.org", "李雷", "nlp"));
        }
    }

    @Test
    void utf16_without_a_bom_is_recognised_by_its_zero_bytes() throws IOException {
        Path le = Files.write(dir.resolve("le.csv"), "email,name\nzoe@example.org,Zoë\n".getBytes(StandardCharsets.UTF_16LE));
        Path be = Files.write(dir.resolve("be.csv"), "email,name\nzoe@example.org,Zoë\n".getBytes(StandardCharsets.UTF_16BE));

        for (Path file : List.of(le, be)) {
            try (CsvRows rows = CsvRows.open(file, CsvOptions.DETECT)) {
                assertThat(all(rows)).containsExactly(new CsvRow(2, Map.of(Column.EMAIL, "zoe@example.org", Column.NAME, "Zoë")));
            }
        }
    }

    @Test
    void a_late_non_utf8_byte_is_detected_as_windows_1252_and_every_row_is_read() throws IOException {
        Path file = SubscriberLists.withLateAccent(dir, "late.csv", 3000, 2501);

        try (CsvRows rows = CsvRows.open(file, CsvOptions.DETECT)) {
            List<CsvLine> all = all(rows);

            assertThat(rows.encoding()).get().extracting(e -> e.charset().name()).isEqualTo("windows-1252");
            assertThat(all).hasSize(3000).allMatch(l -> l instanceof CsvRow);
            assertThat(((CsvRow) all.get(2500)).get(Column.NAME)).contains("Renée 2501");
        }
    }

    @Test
    void a_byte_that_does_not_decode_costs_its_row_only_with_its_true_line() throws IOException {
        Path file = SubscriberLists.withLateAccent(dir, "late.csv", 3000, 2501);

        try (CsvRows rows = CsvRows.open(file, new CsvOptions("UTF-8", null))) {
            List<CsvLine> all = all(rows);

            assertThat(all).hasSize(3000);
            assertThat(all).filteredOn(l -> l instanceof BadRow).containsExactly(
                    new BadRow(2502, "byte 0xE9 is not valid UTF-8 (--encoding names the file's encoding)"));
            assertThat(rows.dataRows()).isEqualTo(3000);
            assertThat(rows.describe()).startsWith("read as UTF-8 (--encoding)");
        }
    }

    @Test
    void rows_of_bare_delimiters_are_skipped_like_blank_lines() throws IOException {
        try (CsvRows rows = CsvRows.open(fixture("bare-comma-rows.csv"), CsvOptions.DETECT)) {
            assertThat(all(rows)).extracting(CsvLine::line).containsExactly(2L, 4L);
            assertThat(rows.blankRows()).isEqualTo(3);
            assertThat(rows.dataRows()).isEqualTo(2);
        }
    }

    @Test
    void aliased_headers_map_to_columns_and_unknown_ones_are_listed() throws IOException {
        try (CsvRows rows = CsvRows.open(fixture("aliased-headers.csv"), CsvOptions.DETECT)) {
            assertThat(all(rows)).containsExactly(
                    row(2, "ada@example.org", "Ada Lovelace", "nlp"),
                    row(3, "grace@example.org", "Grace", ""));
            assertThat(rows.ignoredColumns()).containsExactly("Phone");
        }
    }

    @Test
    void capitalised_headers_are_matched() throws IOException {
        try (CsvRows rows = CsvRows.open(fixture("capitalised-headers.csv"), CsvOptions.DETECT)) {
            assertThat(all(rows)).containsExactly(row(2, "ada@example.org", "Ada Lovelace", "nlp"));
        }
    }

    @Test
    void a_repeated_column_refuses_the_file_naming_both_headers() {
        assertThatThrownBy(() -> CsvRows.open(fixture("duplicate-header.csv"), CsvOptions.DETECT))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("line 1: the column 'E-mail' (column 3) repeats the email column 'email' (column 1);"
                        + " keep one of them");
    }

    @Test
    void a_header_without_an_email_column_refuses_the_file() {
        assertThatThrownBy(() -> text("Mail;Name\nada@example.org;Ada\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("test.csv line 1: the header has no 'email' column");
    }

    @Test
    void a_name_column_wins_over_first_and_last_name() throws IOException {
        try (CsvRows rows = text("email,First Name,name\nada@example.org,Ada,Ada Lovelace\n")) {
            assertThat(all(rows)).containsExactly(new CsvRow(2, Map.of(Column.EMAIL, "ada@example.org", Column.NAME, "Ada Lovelace")));
            assertThat(rows.ignoredColumns()).containsExactly("First Name (the file has a name column)");
        }
    }

    @Test
    void status_source_and_time_columns_pass_through_as_raw_strings() throws IOException {
        try (CsvRows rows = text("email,status,source,created_at,confirmed_at,unsubscribed_at,bounced_at\n"
                + "ada@example.org,unsubscribed,web,2026-01-02T03:04:05Z,2026-01-03T00:00:00Z,2026-02-01T00:00:00Z,\n")) {
            assertThat(all(rows)).containsExactly(new CsvRow(2, Map.of(Column.EMAIL, "ada@example.org",
                    Column.STATUS, "unsubscribed", Column.SOURCE, "web", Column.CREATED_AT, "2026-01-02T03:04:05Z",
                    Column.CONFIRMED_AT, "2026-01-03T00:00:00Z", Column.UNSUBSCRIBED_AT, "2026-02-01T00:00:00Z",
                    Column.BOUNCED_AT, "")));
        }
    }

    @Test
    void a_missing_column_is_absent_from_the_row_not_empty() throws IOException {
        try (CsvRows rows = text("email\nada@example.org\n")) {
            CsvRow row = (CsvRow) all(rows).get(0);
            assertThat(row.has(Column.NAME)).isFalse();
            assertThat(row.get(Column.TOPICS)).isEmpty();
        }
    }

    @Test
    void the_delimiter_option_overrides_detection() throws IOException {
        try (CsvRows rows = CsvRows.read(new StringReader("email;name,x\nada@example.org;Ada,x\n"), "test.csv",
                new CsvOptions(null, ';'))) {
            assertThat(all(rows)).containsExactly(new CsvRow(2, Map.of(Column.EMAIL, "ada@example.org")));
            assertThat(rows.ignoredColumns()).containsExactly("name,x");
        }
    }

    @Test
    void quoted_fields_keep_delimiters_quotes_and_line_breaks_and_lines_are_counted() throws IOException {
        try (CsvRows rows = text("email,name\r\n\"ada@example.org\",\"Lovelace, \"\"Ada\"\"\r\nof Byron\"\r\nbob@example.org,Bob\r\n")) {
            assertThat(all(rows)).extracting(CsvLine::line).containsExactly(2L, 4L);
        }
    }

    @Test
    void an_unclosed_quote_is_one_bad_row_naming_the_lines_it_swallowed() throws IOException {
        try (CsvRows rows = text("email,name\nada@example.org,\"Ada\nbob@example.org,Bob\n")) {
            assertThat(all(rows)).containsExactly(new BadRow(2,
                    "the quote that opens a field on line 2 is never closed; lines 2 to 4 were read as that one field"));
        }
    }

    @Test
    void a_row_with_missing_fields_is_bad_but_trailing_empty_fields_are_not() throws IOException {
        try (CsvRows rows = text("email,name,topics\nada@example.org,Ada\ngrace@example.org,Grace,,,\n")) {
            assertThat(all(rows)).containsExactly(new BadRow(2, "has 2 fields, the header has 3"),
                    new CsvRow(3, Map.of(Column.EMAIL, "grace@example.org", Column.NAME, "Grace", Column.TOPICS, "")));
        }
    }

    @Test
    void an_empty_file_is_refused() {
        assertThatThrownBy(() -> text("\n\n")).isInstanceOf(BadInputException.class)
                .hasMessage("test.csv line 1: the file is empty; expected a header such as email,name,topics");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "email|EMAIL", "E-mail|EMAIL", "Email Address|EMAIL", "E-Mail Address|EMAIL", "email_address|EMAIL",
            "  EMAIL  |EMAIL", "Name|NAME", "Full Name|NAME", "First Name|FIRST_NAME", "first_name|FIRST_NAME",
            "Last Name|LAST_NAME", "Surname|LAST_NAME", "Topics|TOPICS", "Tags|TAGS", "Groups|TAGS",
            "status|STATUS", "Source|SOURCE", "created_at|CREATED_AT", "Created At|CREATED_AT",
            "confirmed_at|CONFIRMED_AT", "unsubscribed_at|UNSUBSCRIBED_AT", "bounced_at|BOUNCED_AT"})
    void header_aliases_name_their_column(String header, Column column) {
        assertThat(ColumnAliases.column(header)).contains(column);
    }

    @Test
    void every_alias_in_the_table_is_reached() {
        assertThat(ColumnAliases.table()).allSatisfy((key, column) -> assertThat(ColumnAliases.column(key)).contains(column));
    }

    private static CsvRows text(String csv) throws IOException {
        return CsvRows.read(new StringReader(csv), "test.csv", CsvOptions.DETECT);
    }

    private static CsvRow row(long line, String email, String name, String topics) {
        return new CsvRow(line, Map.of(Column.EMAIL, email, Column.NAME, name, Column.TOPICS, topics));
    }

    static Path fixture(String name) {
        try {
            return Path.of(CsvRowsTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<CsvLine> all(CsvRows rows) {
        List<CsvLine> out = new ArrayList<>();
        rows.forEachRemaining(out::add);
        return out;
    }
}
