package org.paperdigest.subscribers.csv;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperdigest.config.BadInputException;

/**
 * The header line of an import, mapped to columns: names matched through {@link ColumnAliases},
 * blank header cells (a spreadsheet's trailing delimiters) ignored silently, other unknown names
 * ignored and listed once. A column named twice, or no email column, refuses the file.
 */
final class Header {
    private final Map<Column, Integer> index;
    private final List<String> ignored;
    private final int width;

    private Header(Map<Column, Integer> index, List<String> ignored, int width) {
        this.index = index;
        this.ignored = List.copyOf(ignored);
        this.width = width;
    }

    static Header of(List<String> cells, String source) {
        Map<Column, Integer> index = new EnumMap<>(Column.class);
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).strip();
            if (ColumnAliases.key(name).isEmpty()) {
                continue;
            }
            Optional<Column> column = ColumnAliases.column(name);
            if (column.isEmpty()) {
                unknown.add(name);
                continue;
            }
            Integer earlier = index.putIfAbsent(column.get(), i);
            if (earlier != null) {
                throw new BadInputException(source + " line 1: the column '" + name + "' (column " + (i + 1)
                        + ") repeats the " + column.get().header() + " column '" + cells.get(earlier).strip()
                        + "' (column " + (earlier + 1) + "); keep one of them");
            }
        }
        if (!index.containsKey(Column.EMAIL)) {
            throw new BadInputException(source + " line 1: the header has no 'email' column (also accepted: E-mail,"
                    + " Email Address; got " + String.join(",", cells) + ")");
        }
        dropShadowed(index, cells, unknown, Column.NAME, Column.FIRST_NAME, Column.LAST_NAME);
        dropShadowed(index, cells, unknown, Column.TOPICS, Column.TAGS);
        return new Header(index, unknown, cells.size());
    }

    /** Sources of a derived column are not read when the file has the column itself. */
    private static void dropShadowed(Map<Column, Integer> index, List<String> cells, List<String> unknown, Column main,
            Column... sources) {
        if (!index.containsKey(main)) {
            return;
        }
        for (Column source : sources) {
            Integer i = index.remove(source);
            if (i != null) {
                unknown.add(cells.get(i).strip() + " (the file has a " + main.header() + " column)");
            }
        }
    }

    /** Header names that are read by no column. */
    List<String> ignored() {
        return ignored;
    }

    int width() {
        return width;
    }

    /**
     * The fields of one record by column, only those the file has, cells restored from the
     * export's formula guard; first and last name make the name, tags the topics, when needed.
     */
    Map<Column, String> fields(List<String> values) {
        Map<Column, String> out = new EnumMap<>(Column.class);
        for (Map.Entry<Column, Integer> e : index.entrySet()) {
            out.put(e.getKey(), CsvCell.restore(values.get(e.getValue()).strip()));
        }
        String first = out.remove(Column.FIRST_NAME);
        String last = out.remove(Column.LAST_NAME);
        if (first != null || last != null) {
            out.put(Column.NAME, ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip());
        }
        String tags = out.remove(Column.TAGS);
        if (tags != null) {
            out.put(Column.TOPICS, tags);
        }
        return out;
    }
}
