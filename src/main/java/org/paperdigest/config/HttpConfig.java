package org.paperdigest.config;

/**
 * The web endpoints served by {@code run}. {@code trustProxy} takes the client address from the
 * last {@code X-Forwarded-For} hop (only behind a reverse proxy that sets it; otherwise clients
 * could pick their own address and slip past the per-address limits).
 */
public record HttpConfig(int port, boolean trustProxy) {

    public HttpConfig(int port) {
        this(port, false);
    }
}
