package org.paperdigest.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a catalog JSON file with Jackson and checks it strictly: unknown or missing fields, wrong
 * types, duplicate ids or ranks, non-http(s) URLs and empty text are refused with a message that
 * names the file, the entry (index and id) and the field.
 */
public final class CatalogLoader {
    /** The catalog shipped inside the jar, used when DIGEST_CATALOG is not set. */
    public static final String BUNDLED = "catalog/best-of-2019.json";

    private static final Set<String> ROOT_FIELDS = Set.of("title", "papers");
    private static final List<String> PAPER_FIELDS = List.of("id", "title", "authors", "year", "venue",
            "arxiv_url", "code_url", "tags", "summary", "why_it_matters", "rank");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final ObjectMapper json = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Loads the catalog from {@code file}, or the bundled one when {@code file} is null. */
    public Catalog load(Path file) {
        if (file == null) {
            return loadBundled();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new CatalogException(file + ": no such catalog file");
        } catch (IOException e) {
            throw new CatalogException(file + ": cannot read the catalog: " + e.getMessage(), e);
        }
    }

    public Catalog loadBundled() {
        try (InputStream in = CatalogLoader.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("The bundled catalog " + BUNDLED + " is missing from the jar");
            }
            return parse(in, "bundled " + BUNDLED);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the bundled catalog", e);
        }
    }

    Catalog parse(InputStream in, String source) {
        JsonNode root;
        try {
            root = json.readTree(in);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr();
            throw new CatalogException(source + where + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CatalogException(source + ": cannot read the catalog: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CatalogException(source + ": expected a JSON object with \"title\" and \"papers\"");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ROOT_FIELDS.contains(f)) {
                throw new CatalogException(source + ": unknown top-level field \"" + f + "\" (expected title, papers)");
            }
        }
        JsonNode title = root.get("title");
        if (title == null || !title.isTextual() || title.asText().isBlank()) {
            throw new CatalogException(source + ": field \"title\" must be a non-empty string");
        }
        JsonNode papers = root.get("papers");
        if (papers == null || !papers.isArray() || papers.isEmpty()) {
            throw new CatalogException(source + ": field \"papers\" must be a non-empty array");
        }
        List<Paper> result = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, Integer> ranks = new HashMap<>();
        for (int i = 0; i < papers.size(); i++) {
            Paper p = new Entry(source, i, papers.get(i)).toPaper();
            Integer previous = ids.putIfAbsent(p.id(), i);
            if (previous != null) {
                throw new CatalogException(source + ": entry " + i + " (id \"" + p.id() + "\"): field \"id\": duplicate of entry " + previous);
            }
            previous = ranks.putIfAbsent(p.rank(), i);
            if (previous != null) {
                throw new CatalogException(source + ": entry " + i + " (id \"" + p.id() + "\"): field \"rank\": "
                        + p.rank() + " is already used by entry " + previous);
            }
            result.add(p);
        }
        return new Catalog(title.asText().strip(), result, source);
    }

    /** One element of the papers array, with the context every error message needs. */
    private static final class Entry {
        private final String source;
        private final int index;
        private final JsonNode node;
        private String id;

        Entry(String source, int index, JsonNode node) {
            this.source = source;
            this.index = index;
            this.node = node;
        }

        Paper toPaper() {
            if (!node.isObject()) {
                throw fail(null, "must be a JSON object");
            }
            JsonNode idNode = node.get("id");
            if (idNode != null && idNode.isTextual()) {
                id = idNode.asText();
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!PAPER_FIELDS.contains(f)) {
                    throw fail(f, "unknown field (expected " + String.join(", ", PAPER_FIELDS) + ")");
                }
            }
            for (String f : PAPER_FIELDS) {
                if (!node.has(f)) {
                    throw fail(f, "is missing");
                }
            }
            String paperId = text("id");
            if (!SLUG.matcher(paperId).matches()) {
                throw fail("id", "must be lower-case letters, digits and dashes, got \"" + paperId + "\"");
            }
            int year = integer("year");
            if (year < 1900 || year > 2100) {
                throw fail("year", "must be a year between 1900 and 2100, got " + year);
            }
            int rank = integer("rank");
            if (rank < 1) {
                throw fail("rank", "must be 1 or more, got " + rank);
            }
            List<String> tags = strings("tags", false);
            for (String t : tags) {
                if (!SLUG.matcher(t).matches()) {
                    throw fail("tags", "tag \"" + t + "\" must be lower-case letters, digits and dashes");
                }
            }
            return new Paper(paperId, text("title"), strings("authors", true), year, text("venue"),
                    url("arxiv_url", false), url("code_url", true), tags, text("summary"), text("why_it_matters"), rank);
        }

        private String text(String field) {
            JsonNode v = node.get(field);
            if (!v.isTextual()) {
                throw fail(field, "must be a string, got " + describe(v));
            }
            String s = v.asText().strip();
            if (s.isEmpty()) {
                throw fail(field, "must not be empty");
            }
            return s;
        }

        private int integer(String field) {
            JsonNode v = node.get(field);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw fail(field, "must be a whole number, got " + describe(v));
            }
            return v.asInt();
        }

        private List<String> strings(String field, boolean nonEmpty) {
            JsonNode v = node.get(field);
            if (!v.isArray()) {
                throw fail(field, "must be an array of strings, got " + describe(v));
            }
            Set<String> out = new LinkedHashSet<>();
            for (JsonNode e : v) {
                if (!e.isTextual() || e.asText().isBlank()) {
                    throw fail(field, "must contain only non-empty strings, got " + describe(e));
                }
                if (!out.add(e.asText().strip())) {
                    throw fail(field, "lists \"" + e.asText() + "\" twice");
                }
            }
            if (nonEmpty && out.isEmpty()) {
                throw fail(field, "must not be empty");
            }
            return List.copyOf(out);
        }

        private URI url(String field, boolean nullable) {
            JsonNode v = node.get(field);
            if (v.isNull() && nullable) {
                return null;
            }
            if (!v.isTextual()) {
                throw fail(field, "must be an http(s) URL string" + (nullable ? " or null" : "") + ", got " + describe(v));
            }
            try {
                URI uri = new URI(v.asText().strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException ignored) {
                // reported below
            }
            throw fail(field, "must be an absolute http(s) URL, got \"" + v.asText() + "\"");
        }

        private CatalogException fail(String field, String problem) {
            String where = source + ": entry " + index + (id != null ? " (id \"" + id + "\")" : "");
            return new CatalogException(where + (field != null ? ": field \"" + field + "\" " : ": ") + problem);
        }

        private static String describe(JsonNode v) {
            if (v.isNull()) {
                return "null";
            }
            String s = v.toString();
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }
    }
}
