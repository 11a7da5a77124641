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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
    /** Every field of an entry, in the order {@code catalog export} writes them. */
    static final List<String> PAPER_FIELDS = List.of("id", "title", "authors", "year", "venue",
            "arxiv_url", "code_url", "tags", "summary", "why_it_matters", "rank",
            "abstract", "published", "doi", "source", "status", "added_at", "published_at");
    /** Fields an entry may leave out (null), since papers found on arXiv or in feeds have no summary of ours. */
    private static final Set<String> OPTIONAL_FIELDS = Set.of("summary", "why_it_matters",
            "abstract", "published", "doi", "source", "status", "added_at", "published_at");
    private static final Pattern DOI = Pattern.compile("10\\.\\d{4,9}/\\S+");
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
            return parse(in, file.toString(), "file");
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
            return parse(in, "bundled " + BUNDLED, "bundled");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the bundled catalog", e);
        }
    }

    Catalog parse(InputStream in, String source) {
        return parse(in, source, "file");
    }

    /**
     * Reads a whole file strictly: the first bad entry, duplicate id or duplicate rank refuses the
     * file. {@code origin} is recorded as the source of entries that do not name one.
     */
    Catalog parse(InputStream in, String source, String origin) {
        JsonNode root = root(in, source);
        JsonNode papers = root.get("papers");
        List<Paper> result = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, Integer> ranks = new HashMap<>();
        for (int i = 0; i < papers.size(); i++) {
            Paper p = new Entry(source, i, papers.get(i)).toPaper(origin);
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
        return new Catalog(root.get("title").asText().strip(), result, source);
    }

    /**
     * Reads a file entry by entry for {@code catalog import}: the file as a whole must be a catalog,
     * but a bad entry is returned as a problem naming it, and the others still count.
     */
    public List<ImportEntry> entries(InputStream in, String source, String origin) {
        JsonNode papers = root(in, source).get("papers");
        List<ImportEntry> out = new ArrayList<>(papers.size());
        for (int i = 0; i < papers.size(); i++) {
            try {
                out.add(new ImportEntry.Curated(new Entry(source, i, papers.get(i)).toPaper(origin)));
            } catch (CatalogException e) {
                out.add(new ImportEntry.Bad(e.getMessage()));
            }
        }
        return out;
    }

    private JsonNode root(InputStream in, String source) {
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
        return root;
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

        Paper toPaper(String origin) {
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
                if (!node.has(f) && !OPTIONAL_FIELDS.contains(f)) {
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
            String doi = optionalText("doi");
            if (doi != null && !DOI.matcher(doi).matches()) {
                throw fail("doi", "must look like 10.NNNN/suffix, got \"" + doi + "\"");
            }
            URI arxiv = url("arxiv_url", doi != null);
            LocalDate published = date("published");
            PaperStatus status = status();
            Instant addedAt = instant("added_at");
            if (addedAt == null) {
                // A curated entry without a history counts as added when it appeared, so it is never "new this week".
                addedAt = (published != null ? published : LocalDate.of(year, 1, 1)).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            Instant publishedAt = instant("published_at");
            if (publishedAt == null && status == PaperStatus.PUBLISHED) {
                publishedAt = addedAt;
            }
            String source = optionalText("source");
            return new Paper(paperId, text("title"), strings("authors", true), year, text("venue"),
                    arxiv, url("code_url", true), tags, optionalText("summary"), optionalText("why_it_matters"), rank,
                    optionalText("abstract"), published, doi, source == null ? origin : source, status, addedAt, publishedAt);
        }

        private String optionalText(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : text(field);
        }

        private LocalDate date(String field) {
            String s = optionalText(field);
            try {
                return s == null ? null : LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw fail(field, "must be a date like 2019-06-19, got \"" + s + "\"");
            }
        }

        private Instant instant(String field) {
            String s = optionalText(field);
            try {
                return s == null ? null : Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw fail(field, "must be a UTC time like 2026-01-05T09:00:00Z, got \"" + s + "\"");
            }
        }

        private PaperStatus status() {
            String s = optionalText("status");
            try {
                return s == null ? PaperStatus.PUBLISHED : PaperStatus.of(s);
            } catch (IllegalArgumentException e) {
                throw fail("status", "must be draft, published or rejected, got \"" + s + "\"");
            }
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
            if ((v == null || v.isNull()) && nullable) {
                return null;
            }
            if (!v.isTextual()) {
                if (v == null) {
                    throw fail(field, "is missing");
                }
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
