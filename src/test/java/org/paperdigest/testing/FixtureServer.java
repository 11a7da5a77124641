package org.paperdigest.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP server on port 0 standing in for arXiv, Crossref and feeds: each path answers with
 * what the test set (a fixture, a status, a delay, a body too big), and every request is kept.
 */
public final class FixtureServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    public FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            requests.add(path + (ex.getRequestURI().getQuery() == null ? "" : "?" + ex.getRequestURI().getQuery()));
            Handler h = routes.get(path);
            try {
                if (h == null) {
                    send(ex, 404, "text/plain", new byte[0]);
                } else {
                    h.handle(ex);
                }
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public FixtureServer route(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    /** Serves a test resource with this content type. */
    public FixtureServer resource(String path, String resource, String contentType) {
        byte[] body = read(resource);
        return route(path, ex -> send(ex, 200, contentType, body));
    }

    /** Serves a feed with an ETag, answering 304 when the client sends it back. */
    public FixtureServer feedWithEtag(String path, String resource, String etag) {
        byte[] body = read(resource);
        return route(path, ex -> {
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            ex.getResponseHeaders().add("ETag", etag);
            send(ex, 200, "application/rss+xml", body);
        });
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    public static byte[] read(String resource) {
        try (InputStream in = FixtureServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
