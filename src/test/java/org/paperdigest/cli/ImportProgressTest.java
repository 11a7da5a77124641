package org.paperdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.paperdigest.subscribers.csv.CsvOptions;
import org.paperdigest.subscribers.csv.CsvRows;

class ImportProgressTest {

    @Test
    void on_a_terminal_the_bar_is_redrawn_and_cleared_before_each_reported_row() throws Exception {
        StringWriter err = new StringWriter();
        try (CsvRows rows = rows()) {
            ImportProgress progress = new ImportProgress(new PrintWriter(err, true), rows, true);
            Thread.sleep(250); // the bar is drawn at most every 200 ms

            progress.progress(500);
            progress.rejected("line 7: bad");
            progress.finish();
        }

        assertThat(err.toString()).startsWith("\r  import [").contains("500 rows", "rows/s")
                .contains("\r" + " ".repeat(100) + "\rlist.csv line 7: bad\n");
    }

    @Test
    void off_a_terminal_rows_are_printed_as_lines_without_a_bar() throws IOException {
        StringWriter err = new StringWriter();
        try (CsvRows rows = rows()) {
            ImportProgress progress = new ImportProgress(new PrintWriter(err, true), rows, false);

            progress.progress(500);
            progress.noted("line 3: ada@example.org is unsubscribed; left as it is");
            progress.finish();
        }

        assertThat(err.toString()).isEqualTo("list.csv line 3: ada@example.org is unsubscribed; left as it is\n");
    }

    private static CsvRows rows() throws IOException {
        return CsvRows.read(new StringReader("email\nada@example.org\n"), "list.csv", CsvOptions.DETECT);
    }
}
