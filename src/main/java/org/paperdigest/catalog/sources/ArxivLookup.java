package org.paperdigest.catalog.sources;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.paperdigest.catalog.CatalogException;
import org.paperdigest.catalog.ImportEntry;
import org.paperdigest.catalog.Paper;
import org.paperdigest.catalog.PaperLookup;

/**
 * Fetches papers from the arXiv API (DIGEST_ARXIV_API_URL) by id or abstract-page URL. arXiv asks
 * for one request at a time, a few seconds apart: every id of one call goes in one request
 * ({@code id_list}), and calls are spaced by {@code pause}.
 */
public final class ArxivLookup implements PaperLookup {
    /** arXiv's guidance: no more than one request every three seconds. */
    public static final Duration PAUSE = Duration.ofSeconds(3);
    private static final Pattern BARE_ID = Pattern.compile("\\d{4}\\.\\d{4,5}(v\\d+)?|[a-z-]+(\\.[A-Z]{2})?/\\d{7}(v\\d+)?");

    private final URI api;
    private final SourceHttp http;
    private final Clock clock;
    private final Duration pause;
    private Instant lastRequest = Instant.MIN;

    public ArxivLookup(URI api, SourceHttp http, Clock clock, Duration pause) {
        this.api = api;
        this.http = http;
        this.clock = clock;
        this.pause = pause;
    }

    /** The arXiv id (without version) of {@code idOrUrl}, or null when it is neither an id nor an arXiv URL. */
    public static String idOf(String idOrUrl) {
        String s = idOrUrl.strip().replaceFirst("(?i)^arxiv:", "");
        if (BARE_ID.matcher(s).matches()) {
            return s.replaceAll("v\\d+$", "");
        }
        return Paper.arxivIdIn(s);
    }

    @Override
    public synchronized List<ImportEntry> lookup(List<String> idsOrUrls) {
        List<ImportEntry> out = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String s : idsOrUrls) {
            String id = idOf(s);
            if (id == null) {
                out.add(new ImportEntry.Bad("\"" + s + "\": not an arXiv id (like 1906.08237) or arxiv.org URL"));
            } else {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return out;
        }
        URI url = URI.create(api + "?id_list=" + URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8)
                + "&max_results=" + ids.size());
        waitYourTurn();
        SourceHttp.Answer answer;
        try {
            answer = http.get(url, Map.of("Accept", "application/atom+xml"));
        } catch (IOException e) {
            throw new CatalogException("arXiv API " + api + ": " + e.getMessage(), e);
        }
        if (answer.status() != 200) {
            throw new CatalogException("arXiv API " + api + " answered HTTP " + answer.status() + " for " + String.join(", ", ids));
        }
        Map<String, ImportEntry> byId = new HashMap<>();
        for (ImportEntry e : new FeedFormat("arxiv").read(answer.body(), "arXiv API answer")) {
            if (e instanceof ImportEntry.Found f && f.paper().arxivId() != null) {
                byId.put(f.paper().arxivId(), e);
            }
        }
        for (String id : ids) {
            out.add(byId.getOrDefault(id, new ImportEntry.Bad("arXiv " + id + ": not found by the arXiv API")));
        }
        return out;
    }

    private void waitYourTurn() {
        Instant next = lastRequest.plus(pause);
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            try {
                Thread.sleep(Duration.between(now, next).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lastRequest = clock.instant();
    }
}
