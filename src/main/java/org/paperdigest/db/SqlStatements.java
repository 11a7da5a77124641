package org.paperdigest.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.paperdigest.config.DatabaseConfig.Dialect;

/**
 * Holds the named SQL blocks of one file under {@code src/main/resources/sql/}. A block starts with
 * {@code -- name: some-statement} and runs until the next one; a block named
 * {@code some-statement@postgresql} (or {@code @sqlite}) replaces the plain one on that dialect, so
 * dialect differences stay visible side by side.
 */
public final class SqlStatements {
    private final String resource;
    private final Map<String, String> blocks;

    private SqlStatements(String resource, Map<String, String> blocks) {
        this.resource = resource;
        this.blocks = blocks;
    }

    /** Loads {@code sql/<file>} from the classpath, keeping the blocks meant for {@code dialect}. */
    public static SqlStatements load(String file, Dialect dialect) {
        String resource = "sql/" + file;
        String text;
        try (InputStream in = SqlStatements.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL file " + resource + " is missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read SQL file " + resource, e);
        }
        String suffix = "@" + dialect.name().toLowerCase(Locale.ROOT);
        Map<String, String> generic = new HashMap<>();
        Map<String, String> specific = new HashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : (text + "\n-- name: <end>").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("-- name:")) {
                if (name != null) {
                    String sql = body.toString().strip();
                    if (sql.endsWith(";")) {
                        sql = sql.substring(0, sql.length() - 1);
                    }
                    int at = name.indexOf('@');
                    if (at < 0) {
                        generic.put(name, sql);
                    } else if (name.endsWith(suffix)) {
                        specific.put(name.substring(0, at), sql);
                    }
                }
                name = trimmed.substring("-- name:".length()).strip();
                body.setLength(0);
            } else if (name != null && !trimmed.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        generic.putAll(specific);
        return new SqlStatements(resource, generic);
    }

    /** Returns the statement with this name, failing loudly at wiring time if it does not exist. */
    public String get(String name) {
        String sql = blocks.get(name);
        if (sql == null || sql.isEmpty()) {
            throw new IllegalStateException("SQL statement '" + name + "' is missing from " + resource);
        }
        return sql;
    }
}
