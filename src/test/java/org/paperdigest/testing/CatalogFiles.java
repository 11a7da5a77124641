package org.paperdigest.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Writes catalog files for tests: the bundled catalog with one change, or any text. */
public final class CatalogFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogFiles() {}

    /** Writes the bundled catalog, changed by {@code change} (it gets the papers array), to {@code dir/catalog.json}. */
    public static Path bundledWith(Path dir, Consumer<ArrayNode> change) {
        try (InputStream in = CatalogFiles.class.getClassLoader().getResourceAsStream("catalog/best-of-2019.json")) {
            ObjectNode root = (ObjectNode) JSON.readTree(in);
            change.accept((ArrayNode) root.get("papers"));
            return withText(dir, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the bundled catalog with one field of one entry replaced by a JSON value written as text. */
    public static Path bundledWithField(Path dir, int entry, String field, String jsonValue) {
        return bundledWith(dir, papers -> {
            try {
                ((ObjectNode) papers.get(entry)).set(field, JSON.readTree(jsonValue));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes {@code text} as {@code dir/catalog.json}. */
    public static Path withText(Path dir, String text) {
        Path file = dir.resolve("catalog.json");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
