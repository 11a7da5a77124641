package org.paperdigest.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Request;

/**
 * Reads every request body in full, without a thread, before a handler sees the request: the
 * bytes are taken with non-blocking reads as they arrive, counted whatever the framing (a
 * {@code Content-Length} or chunks), refused with 413 past {@code maxBytes} and with 408 when
 * the whole body has not arrived within {@code deadline}. A slow client so costs an open
 * connection, never one of the worker threads that answer everyone else. The handler then gets a
 * request whose body is the bytes read.
 */
final class BodyGate implements Filter {
    private static final String BODY = BodyGate.class.getName() + ".body";
    private static final String REFUSED = BodyGate.class.getName() + ".refused";

    private final int maxBytes;
    private final Duration deadline;

    BodyGate(int maxBytes, Duration deadline) {
        this.maxBytes = maxBytes;
        this.deadline = deadline;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        if (req.getDispatcherType() == DispatcherType.ASYNC) {
            if (refusal(req) != 0) {
                hangUpSoon(req);
            }
            Object body = req.getAttribute(BODY);
            chain.doFilter(new ReadBody(req, body instanceof byte[] bytes ? bytes : new byte[0]), res);
            return;
        }
        long declared = req.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(req.getHeader("Transfer-Encoding"));
        if (declared > maxBytes) {
            refuse(req, res, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            chain.doFilter(new ReadBody(req, new byte[0]), res);
            return;
        }
        if (declared <= 0 && !chunked) {
            chain.doFilter(new ReadBody(req, new byte[0]), res);
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(deadline.toMillis());
        Reading reading = new Reading(async, req.getInputStream(), req);
        async.addListener(reading);
        req.getInputStream().setReadListener(reading);
    }

    /**
     * Lets the connection of a refused body go one second after the client last sent anything:
     * otherwise a client that keeps trickling bytes keeps the (answered) connection open.
     */
    private static void hangUpSoon(HttpServletRequest req) {
        Request base = Request.getBaseRequest(req);
        if (base != null) {
            base.getHttpChannel().getEndPoint().setIdleTimeout(1_000);
        }
    }

    /** The status a handler must answer with because the body was refused (413, 408, 400), or 0 when it was read. */
    static int refusal(HttpServletRequest req) {
        return req.getAttribute(REFUSED) instanceof Integer status ? status : 0;
    }

    private static void refuse(ServletRequest req, ServletResponse res, int status) {
        // The rest of the body is not worth reading: close the connection after the answer.
        ((HttpServletResponse) res).setHeader("Connection", "close");
        req.setAttribute(REFUSED, status);
    }

    /** Collects one body as it arrives; ends in exactly one dispatch (to the handler or to a refusal). */
    private final class Reading implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final HttpServletRequest req;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        private final byte[] buffer = new byte[4096];
        private final AtomicBoolean ended = new AtomicBoolean();

        Reading(AsyncContext async, ServletInputStream in, HttpServletRequest req) {
            this.async = async;
            this.in = in;
            this.req = req;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!ended.get() && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                bytes.write(buffer, 0, n);
                if (bytes.size() > maxBytes) {
                    end(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (ended.compareAndSet(false, true)) {
                req.setAttribute(BODY, bytes.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable t) {
            end(HttpServletResponse.SC_BAD_REQUEST);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end(HttpServletResponse.SC_REQUEST_TIMEOUT);
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}

        private void end(int status) {
            if (ended.compareAndSet(false, true)) {
                refuse(req, async.getResponse(), status);
                async.dispatch();
            }
        }
    }

    /** The request as the handlers see it: its body is the bytes already read. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has been read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
