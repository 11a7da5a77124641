package org.paperdigest.catalog;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Chooses the format of a file to import by its name, and tells CSL-JSON (an array) from our JSON (an object). */
public final class ImportFormats {
    private final EntryFormat catalogJson;
    private final EntryFormat cslJson;
    private final List<EntryFormat> others;

    public ImportFormats(EntryFormat catalogJson, EntryFormat cslJson, List<EntryFormat> others) {
        this.catalogJson = catalogJson;
        this.cslJson = cslJson;
        this.others = List.copyOf(others);
    }

    /** The format for {@code fileName} with this content, or empty when none reads it. */
    public Optional<EntryFormat> forFile(String fileName, byte[] content) {
        if (cslJson.reads(fileName)) {
            return Optional.of(cslJson);
        }
        if (catalogJson.reads(fileName)) {
            String start = new String(content, 0, Math.min(content.length, 64), StandardCharsets.UTF_8).stripLeading();
            return Optional.of(start.startsWith("[") ? cslJson : catalogJson);
        }
        return others.stream().filter(f -> f.reads(fileName)).findFirst();
    }

    /** The formats by name, for the error message when none fits. */
    public String names() {
        StringBuilder b = new StringBuilder(catalogJson.name() + " (.json), " + cslJson.name() + " (.json array, .csl.json)");
        others.forEach(f -> b.append(", ").append(f.name()));
        return b.toString();
    }
}
