package org.paperdigest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** Writes subscriber CSV files for tests. */
public final class SubscriberLists {
    private SubscriberLists() {}

    /** The addresses of {@link #numbered}: reader01@example.org, reader02@example.org, … */
    public static List<String> numberedAddresses(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("reader%02d@example.org", i)).toList();
    }

    /** Writes {@code count} readers without topics, named "Reader N", to {@code dir/readers.csv}. */
    public static Path numbered(Path dir, int count) {
        StringBuilder csv = new StringBuilder("email,name,topics\n");
        List<String> addresses = numberedAddresses(count);
        for (int i = 0; i < count; i++) {
            csv.append(addresses.get(i)).append(",Reader ").append(i + 1).append(",\n");
        }
        return csv(dir, "readers.csv", csv.toString());
    }

    /** Writes {@code text} to {@code dir/name}. */
    public static Path csv(Path dir, String name, String text) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Writes {@code rows} ASCII readers as Excel saves a "CSV" in Western locales (windows-1252,
     * CRLF), with one accented name ("Renée N") on data row {@code accentRow}, to {@code dir/name}.
     */
    public static Path withLateAccent(Path dir, String name, int rows, int accentRow) {
        StringBuilder b = new StringBuilder("email,name,topics\r\n");
        for (int i = 1; i <= rows; i++) {
            b.append("reader").append(i).append("@example.org,").append(i == accentRow ? "Renée " : "Reader ").append(i)
                    .append(",\r\n");
        }
        Path file = dir.resolve(name);
        try {
            return Files.write(file, b.toString().getBytes(java.nio.charset.Charset.forName("windows-1252")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
