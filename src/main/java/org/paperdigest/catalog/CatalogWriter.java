package org.paperdigest.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a catalog in our JSON format ({@code catalog export}), every field of every paper in a
 * fixed order, so reading the file back ({@code catalog import}, DIGEST_CATALOG) gives the same
 * papers and writing them again the same bytes.
 */
public final class CatalogWriter {
    private final ObjectMapper json = new ObjectMapper();

    public String write(Catalog catalog) {
        ObjectNode root = json.createObjectNode();
        root.put("title", catalog.title());
        ArrayNode papers = root.putArray("papers");
        for (Paper p : catalog.papers()) {
            ObjectNode n = papers.addObject();
            n.put("id", p.id());
            n.put("title", p.title());
            ArrayNode authors = n.putArray("authors");
            p.authors().forEach(authors::add);
            n.put("year", p.year());
            n.put("venue", p.venue());
            n.put("arxiv_url", p.arxivUrl() == null ? null : p.arxivUrl().toString());
            n.put("code_url", p.codeUrl() == null ? null : p.codeUrl().toString());
            ArrayNode tags = n.putArray("tags");
            p.tags().forEach(tags::add);
            n.put("summary", p.summary());
            n.put("why_it_matters", p.whyItMatters());
            n.put("rank", p.rank());
            n.put("abstract", p.abstractText());
            n.put("published", p.published() == null ? null : p.published().toString());
            n.put("doi", p.doi());
            n.put("source", p.source());
            n.put("status", p.status().column());
            n.put("added_at", p.addedAt().toString());
            n.put("published_at", p.publishedAt() == null ? null : p.publishedAt().toString());
        }
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        try {
            return json.writer(pretty).writeValueAsString(root).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the catalog as JSON", e);
        }
    }
}
