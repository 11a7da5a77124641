package org.paperdigest.subscribers.csv;

import java.util.Map;
import java.util.Optional;

/**
 * A readable data row: the fields of the columns the file has (only those; a missing column is
 * absent, not empty), trimmed and restored from the export's formula guard, as raw strings.
 */
public record CsvRow(long line, Map<Column, String> fields) implements CsvLine {

    public CsvRow {
        fields = Map.copyOf(fields);
    }

    /** The field of {@code column}, or empty when the file has no such column. */
    public Optional<String> get(Column column) {
        return Optional.ofNullable(fields.get(column));
    }

    public boolean has(Column column) {
        return fields.containsKey(column);
    }
}
