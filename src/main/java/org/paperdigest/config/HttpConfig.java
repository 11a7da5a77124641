package org.paperdigest.config;

import java.util.List;

/**
 * The web endpoints served by {@code run}: the port, the address to bind ({@code host}, all
 * interfaces by default; {@code 127.0.0.1} behind a proxy on the same machine) and the reverse
 * proxies whose {@code X-Forwarded-For} hops are believed. The client address is the right-most
 * hop that is not a trusted proxy. {@code trustProxy} (the older HTTP_TRUST_PROXY=true) believes
 * whatever peer connects to be one proxy; without either, clients could pick their own address
 * and slip past the per-client limits, so X-Forwarded-For is ignored.
 */
public record HttpConfig(int port, String host, List<Cidr> trustedProxies, boolean trustProxy) {
    public static final String ALL_INTERFACES = "0.0.0.0";

    public HttpConfig {
        trustedProxies = List.copyOf(trustedProxies);
    }

    public HttpConfig(int port) {
        this(port, ALL_INTERFACES, List.of(), false);
    }
}
