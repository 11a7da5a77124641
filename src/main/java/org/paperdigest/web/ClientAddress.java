package org.paperdigest.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.paperdigest.config.Cidr;
import org.paperdigest.config.HttpConfig;

/**
 * Names the client a request came from, as the key of the per-client limits. When the socket's
 * peer is a trusted proxy (HTTP_TRUSTED_PROXIES, or any peer with the older HTTP_TRUST_PROXY=true)
 * the client is the right-most {@code X-Forwarded-For} hop, read over every header line, that is
 * not itself a trusted proxy: hops to its left were written by whoever the proxy talked to, so a
 * client could put anything there. Otherwise it is the peer. IPv6 clients are grouped by /64, the
 * block one customer usually holds.
 */
final class ClientAddress {
    private final List<Cidr> trusted;
    private final boolean trustAnyPeer;

    ClientAddress(HttpConfig http) {
        this.trusted = http.trustedProxies();
        this.trustAnyPeer = http.trustProxy();
    }

    String of(Context ctx) {
        List<String> lines = new ArrayList<>();
        Enumeration<String> headers = ctx.req().getHeaders("X-Forwarded-For");
        while (headers != null && headers.hasMoreElements()) {
            lines.add(headers.nextElement());
        }
        return key(client(ctx.req().getRemoteAddr(), lines));
    }

    /** The client's address given the socket's peer and every X-Forwarded-For line in order. */
    String client(String peer, List<String> forwardedFor) {
        if (!trustAnyPeer && !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String hop : line.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    /** Says whether {@code ip} is a trusted proxy (never true for something that is not an IP literal). */
    boolean isTrusted(String ip) {
        Optional<InetAddress> address = Cidr.literal(ip);
        return address.isPresent() && trusted.stream().anyMatch(c -> c.contains(address.get()));
    }

    static String key(String ip) {
        if (ip == null || !ip.contains(":")) {
            return ip == null ? "unknown" : ip;
        }
        Optional<InetAddress> address = Cidr.literal(ip);
        if (address.isEmpty()) {
            return ip;
        }
        byte[] a = address.get().getAddress();
        if (a.length != 16) {
            return address.get().getHostAddress();
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            b.append(String.format("%02x%02x:", a[i], a[i + 1]));
        }
        return b.append(":/64").toString();
    }

    static String keyOf(InetAddress address) {
        try {
            return key(InetAddress.getByAddress(address.getAddress()).getHostAddress());
        } catch (UnknownHostException e) {
            return address.getHostAddress();
        }
    }
}
