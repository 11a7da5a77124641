package org.paperdigest.catalog.sources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP client of every remote source: timeouts on connecting and on the whole answer, a cap
 * on its size, redirects followed, and a User-Agent that names paper-digest (arXiv asks for one).
 */
public final class SourceHttp {
    /** 5 MB: far more than any feed or API answer we read. */
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;

    public SourceHttp(Duration timeout, long maxBytes) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** An answer: status, body (empty for 304) and the validators for the next conditional GET. */
    public record Answer(int status, byte[] body, String etag, String lastModified) {}

    /**
     * GETs {@code url} with {@code headers}; throws IOException saying what went wrong in a few
     * words ("timed out after 30 s", "larger than 5 MB", "connection refused").
     */
    public Answer get(URI url, Map<String, String> headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("User-Agent", "paper-digest (self-hosted paper newsletter)");
        headers.forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        HttpResponse<InputStream> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new IOException("timed out after " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        Optional<String> length = r.headers().firstValue("Content-Length");
        try (InputStream in = r.body()) {
            if (length.isPresent() && Long.parseLong(length.get()) > maxBytes) {
                throw new IOException("larger than " + describe(maxBytes) + " (" + length.get() + " bytes)");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                if (out.size() > maxBytes) {
                    throw new IOException("larger than " + describe(maxBytes));
                }
            }
            return new Answer(r.statusCode(), out.toByteArray(), r.headers().firstValue("ETag").orElse(null),
                    r.headers().firstValue("Last-Modified").orElse(null));
        } catch (HttpTimeoutException e) {
            throw new IOException("timed out after " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("larger than")) {
                throw e;
            }
            throw new IOException("answer cut short: " + e.getMessage(), e);
        }
    }

    private static String describe(long bytes) {
        return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }
}
