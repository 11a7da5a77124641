package org.paperdigest.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where papers come from besides the editor: the arXiv and Crossref APIs ({@code catalog add}),
 * the feeds of DIGEST_SOURCES fetched on DIGEST_SOURCES_CRON, whether what they bring is published
 * at once, arXiv categories mapped to topics beyond the built-in table, the editor's address
 * for the mail after each issue (null: none), and how long any of these may take to answer.
 */
public record CatalogConfig(URI arxivApi, URI crossrefApi, List<URI> sources, String sourcesCron, boolean autoPublish,
                            Map<String, String> arxivTopics, String editorEmail, Duration sourcesTimeout) {

    public static final String DEFAULT_ARXIV_API = "https://export.arxiv.org/api/query";
    public static final String DEFAULT_CROSSREF_API = "https://api.crossref.org";
    /** Daily, early in the morning. */
    public static final String DEFAULT_SOURCES_CRON = "0 0 6 * * ?";

    public CatalogConfig {
        sources = List.copyOf(sources);
        arxivTopics = Map.copyOf(arxivTopics);
    }

    static CatalogConfig read(Settings s) {
        List<URI> sources = new ArrayList<>();
        String raw = s.optional("DIGEST_SOURCES");
        if (raw != null) {
            for (String part : raw.split(",")) {
                if (!part.isBlank()) {
                    sources.add(url(s, "DIGEST_SOURCES", part.strip()));
                }
            }
        }
        String cron = s.string("DIGEST_SOURCES_CRON", DEFAULT_SOURCES_CRON);
        try {
            new org.quartz.CronExpression(cron);
        } catch (java.text.ParseException e) {
            throw s.bad("DIGEST_SOURCES_CRON", cron, "a Quartz cron expression such as \"" + DEFAULT_SOURCES_CRON + "\": " + e.getMessage());
        }
        Map<String, String> topics = new LinkedHashMap<>();
        String mapping = s.optional("DIGEST_ARXIV_TOPICS");
        if (mapping != null) {
            for (String pair : mapping.split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank() || !kv[1].strip().matches("[a-z0-9][a-z0-9-]{0,63}")) {
                    throw s.bad("DIGEST_ARXIV_TOPICS", mapping, "a list like cs.CL=nlp,cs.CV=vision (topics in lower-case letters, digits and dashes)");
                }
                topics.put(kv[0].strip(), kv[1].strip());
            }
        }
        String editor = s.optional("DIGEST_EDITOR_EMAIL");
        if (editor != null && !editor.strip().matches("[^\\s<>@]+@[^\\s<>@]+")) {
            throw s.bad("DIGEST_EDITOR_EMAIL", editor, "a bare address such as editor@example.org");
        }
        return new CatalogConfig(url(s, "DIGEST_ARXIV_API_URL", s.string("DIGEST_ARXIV_API_URL", DEFAULT_ARXIV_API)),
                url(s, "DIGEST_CROSSREF_API_URL", s.string("DIGEST_CROSSREF_API_URL", DEFAULT_CROSSREF_API)),
                sources, cron, s.bool("DIGEST_SOURCES_AUTO_PUBLISH", false), topics, editor == null ? null : editor.strip(),
                s.duration("DIGEST_SOURCES_TIMEOUT", Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMinutes(10)));
    }

    private static URI url(Settings s, String name, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        throw s.bad(name, value, "absolute http(s) URLs");
    }
}
