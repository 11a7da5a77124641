package org.paperdigest.catalog.sources;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.paperdigest.catalog.FeedFetcher;

/** Fetches a feed with a conditional GET (If-None-Match / If-Modified-Since) through {@link SourceHttp}. */
public final class HttpFeedFetcher implements FeedFetcher {
    private final SourceHttp http;

    public HttpFeedFetcher(SourceHttp http) {
        this.http = http;
    }

    @Override
    public Fetched fetch(URI url, String etag, String lastModified) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("If-None-Match", etag);
        headers.put("If-Modified-Since", lastModified);
        headers.put("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5");
        try {
            SourceHttp.Answer a = http.get(url, headers);
            if (a.status() == 304) {
                return new Unchanged();
            }
            if (a.status() != 200) {
                return new Failed("HTTP " + a.status());
            }
            return new Changed(a.body(), a.etag(), a.lastModified());
        } catch (IOException e) {
            return new Failed(e.getMessage());
        }
    }
}
