package org.paperdigest.catalog.sources;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import org.paperdigest.catalog.CatalogLoader;
import org.paperdigest.catalog.EntryFormat;
import org.paperdigest.catalog.ImportEntry;

/** Reads our own catalog JSON (what {@code catalog export} writes), entry by entry, with the loader's checks and messages. */
public final class CatalogJsonFormat implements EntryFormat {

    @Override
    public String name() {
        return "catalog-json";
    }

    @Override
    public boolean reads(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    @Override
    public List<ImportEntry> read(byte[] content, String fileName) {
        return new CatalogLoader().entries(new ByteArrayInputStream(content), fileName, "file");
    }
}
