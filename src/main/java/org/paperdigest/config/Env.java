package org.paperdigest.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds configuration variables from three layers: a {@code .env} file, the process environment
 * and command-line overrides, each winning over the one before. Every value remembers where it
 * came from, so an error can say "set in .env line 4".
 */
public final class Env {
    private final Map<String, Value> values;

    /** A value and where it was set; an {@code exact} one (quoted in .env) keeps its surrounding spaces. */
    private record Value(String text, String origin, boolean exact) {
        Value(String text, String origin) {
            this(text, origin, false);
        }
    }

    private Env(Map<String, Value> values) {
        this.values = values;
    }

    /** Reads {@code .env} in the working directory (if present), then the real environment. */
    public static Env load() {
        return load(Path.of(".env"), System.getenv(), Map.of());
    }

    /** Layers a dotenv file (may be absent), an environment map and overrides, in rising precedence. */
    public static Env load(Path dotEnv, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, Value> values = new HashMap<>();
        if (dotEnv != null && Files.isRegularFile(dotEnv)) {
            values.putAll(parseDotEnv(dotEnv));
        }
        environment.forEach((k, v) -> values.put(k, new Value(v, "environment")));
        overrides.forEach((k, v) -> {
            if (v != null) {
                values.put(k, new Value(v, "command line"));
            }
        });
        return new Env(values);
    }

    /** Builds an Env from plain values, as tests and the demo do. */
    public static Env of(Map<String, String> values) {
        return load(null, values, Map.of());
    }

    /** Returns a copy of this Env with some values replaced (a null value removes the variable). */
    public Env with(Map<String, String> changes) {
        Map<String, Value> copy = new HashMap<>(values);
        changes.forEach((k, v) -> {
            if (v == null) {
                copy.remove(k);
            } else {
                copy.put(k, new Value(v, "command line"));
            }
        });
        return new Env(copy);
    }

    /** Returns the trimmed value of a variable; blank counts as unset. */
    public Optional<String> get(String name) {
        Value v = values.get(name);
        if (v == null || v.text().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(v.exact() ? v.text() : v.text().trim());
    }

    /** Says where a variable was set, for error messages. */
    public String origin(String name) {
        Value v = values.get(name);
        return v == null ? "default" : v.origin();
    }

    private static Map<String, Value> parseDotEnv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, Value> out = new HashMap<>();
        DotEnv.parse(file, lines).forEach((name, e) ->
                out.put(name, new Value(e.value(), file.getFileName() + " line " + e.line(), e.exact())));
        return out;
    }
}
