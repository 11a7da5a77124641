package org.paperdigest.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Describes a partial that a template includes but the templates directory does not have: the
 * file and line of the {@code {{> name}}} (or {@code {{< name}}}) tag, and the nearest file name
 * that does exist.
 */
final class MissingPartial {
    private static final Pattern INCLUDE = Pattern.compile("\\{\\{\\s*[<>]\\s*([^}\\s]+)\\s*}}");

    private MissingPartial() {}

    /** One sentence naming where {@code partial} is included and what may have been meant; {@code root} null: bundled. */
    static String describe(String where, Path root, String template, String partial) {
        if (root == null || !Files.isDirectory(root)) {
            return Path.of(where, template) + ": the partial " + partial + " is not found";
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(f -> f.getFileName().toString().endsWith(".mustache")).sorted().toList();
            String at = Path.of(where, template).toString();
            for (Path f : files) {
                String line = includingLine(f, partial);
                if (line != null) {
                    at = Path.of(where, root.relativize(f).toString()) + " line " + line;
                    break;
                }
            }
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (Path f : files) {
                String known = root.relativize(f).toString().replace('\\', '/');
                int d = TemplateNames.distance(partial, known);
                if (d < bestDistance) {
                    best = known;
                    bestDistance = d;
                }
            }
            String hint = best == null || bestDistance > Math.max(3, partial.length() / 3) ? ""
                    : " (did you mean " + best + "?)";
            return at + ": the partial " + partial + " is not found" + hint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line number (as text) of the first tag in {@code file} that includes {@code partial}, or null. */
    private static String includingLine(Path file, String partial) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = INCLUDE.matcher(lines.get(i));
            while (m.find()) {
                String written = m.group(1).startsWith("/") ? m.group(1).substring(1) : m.group(1);
                if (partial.equals(written) || partial.endsWith("/" + written)) {
                    return String.valueOf(i + 1);
                }
            }
        }
        return null;
    }
}
