package org.paperdigest.subscribers.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

class CsvCellTest {
    private static final String ALPHABET = "'=+-@\ta\r";

    @Test
    void every_short_string_survives_neutralise_then_restore_and_is_never_left_starting_a_formula() {
        for (String s : allStrings(6)) {
            String cell = CsvCell.neutralise(s);
            assertThat(CsvCell.restore(cell)).as("round trip of %s", s).isEqualTo(s);
            if (!cell.isEmpty()) {
                assertThat("=+-@\t\r".indexOf(cell.charAt(0))).as("first char of %s", cell).isNegative();
            }
        }
    }

    @Test
    void plain_values_are_written_as_they_are() {
        assertThat(CsvCell.neutralise("Ada Lovelace")).isEqualTo("Ada Lovelace");
        assertThat(CsvCell.neutralise("'quoted")).isEqualTo("'quoted");
        assertThat(CsvCell.restore("'quoted")).isEqualTo("'quoted");
        assertThat(CsvCell.neutralise("=1+1")).isEqualTo("'=1+1");
    }

    @Test
    void random_rows_printed_by_commons_csv_read_back_field_for_field() throws IOException {
        Random random = new Random(13);
        String alphabet = "ab,;\"\n\r'=é李";
        StringWriter out = new StringWriter();
        List<String[]> written = new ArrayList<>();
        try (CSVPrinter printer = CSVFormat.DEFAULT.print(out)) {
            printer.printRecord("email", "name", "source");
            for (int i = 0; i < 2000; i++) {
                String[] row = {"reader" + i + "@example.org", random(random, alphabet), random(random, alphabet)};
                written.add(row);
                printer.printRecord((Object[]) row);
            }
        }

        try (CsvRows rows = CsvRows.read(new StringReader(out.toString()), "random.csv", new CsvOptions(null, ','))) {
            List<CsvLine> read = new ArrayList<>();
            rows.forEachRemaining(read::add);
            List<Map<Column, String>> fields = read.stream().map(l -> ((CsvRow) l).fields()).toList();
            assertThat(fields).hasSize(written.size());
            int k = 0;
            for (String[] row : written) {
                assertThat(fields.get(k).get(Column.NAME)).as("row %d", k).isEqualTo(CsvCell.restore(row[1].strip()));
                assertThat(fields.get(k).get(Column.SOURCE)).isEqualTo(CsvCell.restore(row[2].strip()));
                k++;
            }
        }
    }

    private static String random(Random random, String alphabet) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static List<String> allStrings(int maxLength) {
        List<String> out = new ArrayList<>(List.of(""));
        List<String> level = List.of("");
        for (int n = 1; n <= maxLength; n++) {
            List<String> next = new ArrayList<>();
            for (String s : level) {
                for (char c : ALPHABET.toCharArray()) {
                    next.add(s + c);
                }
            }
            out.addAll(next);
            level = next;
        }
        return out;
    }
}
