package org.paperdigest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Copies of the repository's templates/ that a test may break on purpose. */
public final class TemplateCopies {
    public static final Path TEMPLATES = Path.of("templates");

    private TemplateCopies() {}

    /** Copies templates/ (with its partials) to {@code dir}/templates and returns the copy. */
    public static Path copyInto(Path dir) throws IOException {
        Path copy = dir.resolve("templates");
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(TEMPLATES.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return copy;
    }

    /** Inserts {@code line} so that it becomes line {@code lineNumber} (1-based) of the file. */
    public static void insertLine(Path file, int lineNumber, String line) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.add(lineNumber - 1, line);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Replaces every occurrence of {@code from} in the file. */
    public static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(file + " does not contain " + from);
        }
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }
}
