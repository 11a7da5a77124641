package org.paperdigest.catalog.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.paperdigest.catalog.CatalogException;
import org.paperdigest.catalog.EntryFormat;
import org.paperdigest.catalog.FoundPaper;
import org.paperdigest.catalog.ImportEntry;
import org.paperdigest.catalog.Paper;

/**
 * Reads CSL-JSON (what Zotero and Mendeley export: an array of items) and, item by item, Crossref's
 * answers, which use the same names (title, author with given/family, issued date-parts,
 * container-title, DOI, URL, abstract in JATS markup). An item without a title is rejected.
 */
public final class CslJsonFormat implements EntryFormat {
    private final ObjectMapper json = new ObjectMapper();
    private final String source;

    public CslJsonFormat(String source) {
        this.source = source;
    }

    @Override
    public String name() {
        return "csl-json";
    }

    @Override
    public boolean reads(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".csl.json") || n.endsWith(".csljson");
    }

    @Override
    public List<ImportEntry> read(byte[] content, String fileName) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JsonProcessingException e) {
            throw new CatalogException(fileName + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CatalogException(fileName + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new CatalogException(fileName + ": expected a CSL-JSON array of items");
        }
        List<ImportEntry> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            String id = item.path("id").asText(null);
            out.add(item(item, fileName + ": item " + i + (id != null ? " (id " + id + ")" : "")));
        }
        return out;
    }

    /** Reads one CSL-JSON item (or a Crossref "message"); {@code where} names it in a rejection. */
    ImportEntry item(JsonNode item, String where) {
        if (!item.isObject()) {
            return new ImportEntry.Bad(where + ": not a JSON object");
        }
        String title = first(item.get("title"));
        if (title == null || title.isBlank()) {
            return new ImportEntry.Bad(where + ": no title");
        }
        List<String> authors = new ArrayList<>();
        for (JsonNode a : item.path("author")) {
            String name = a.has("literal") ? a.get("literal").asText()
                    : (a.path("given").asText("") + " " + a.path("family").asText("")).strip();
            if (!name.isBlank()) {
                authors.add(name);
            }
        }
        LocalDate published;
        try {
            published = date(item.has("issued") ? item.get("issued") : item.path("published"));
        } catch (DateTimeException e) {
            return new ImportEntry.Bad(where + ": issued date is not a date: " + item.get("issued"));
        }
        String url = item.path("URL").asText(null);
        String arxivId = url == null ? null : Paper.arxivIdIn(url);
        String abstractText = item.path("abstract").asText(null);
        List<String> keywords = new ArrayList<>();
        JsonNode kw = item.has("keyword") ? item.get("keyword") : item.path("subject");
        if (kw.isTextual()) {
            keywords.addAll(List.of(kw.asText().split("\\s*[,;]\\s*")));
        } else {
            kw.forEach(k -> keywords.add(k.asText()));
        }
        return new ImportEntry.Found(new FoundPaper(FeedFormat.plain(title), authors, published, first(item.get("container-title")),
                arxivId != null ? URI.create("https://arxiv.org/abs/" + arxivId) : WebAddress.orNull(url),
                item.path("DOI").asText(null), null, abstractText == null ? null : Jsoup.parse(abstractText).text(),
                keywords, source));
    }

    private static String first(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isArray()) {
            return n.isEmpty() ? null : n.get(0).asText();
        }
        return n.asText();
    }

    private static LocalDate date(JsonNode issued) {
        JsonNode parts = issued.path("date-parts").path(0);
        if (!parts.isArray() || parts.isEmpty() || !parts.get(0).canConvertToInt()) {
            return null;
        }
        return LocalDate.of(parts.get(0).asInt(), parts.size() > 1 ? parts.get(1).asInt() : 1, parts.size() > 2 ? parts.get(2).asInt() : 1);
    }

}
