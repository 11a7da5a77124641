package org.paperdigest.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Names the client a request came from, as the key of the per-client limits. Behind a reverse
 * proxy (HTTP_TRUST_PROXY=true) that is the last X-Forwarded-For hop, the one the proxy added;
 * otherwise the socket's peer, since a client could write any X-Forwarded-For it likes. IPv6
 * clients are grouped by /64, the block one customer usually holds.
 */
final class ClientAddress {
    private final boolean trustProxy;

    ClientAddress(boolean trustProxy) {
        this.trustProxy = trustProxy;
    }

    String of(Context ctx) {
        String ip = ctx.req().getRemoteAddr();
        if (trustProxy) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                ip = hops[hops.length - 1].strip();
            }
        }
        return key(ip);
    }

    static String key(String ip) {
        if (ip == null || !ip.contains(":")) {
            return ip == null ? "unknown" : ip;
        }
        try {
            // Only literals reach here (no name lookup): strip brackets and a zone id first.
            String literal = ip.replace("[", "").replace("]", "");
            int zone = literal.indexOf('%');
            byte[] a = InetAddress.getByName(zone >= 0 ? literal.substring(0, zone) : literal).getAddress();
            if (a.length != 16) {
                return InetAddress.getByAddress(a).getHostAddress();
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                b.append(String.format("%02x%02x:", a[i], a[i + 1]));
            }
            return b.append(":/64").toString();
        } catch (UnknownHostException e) {
            return ip;
        }
    }
}
