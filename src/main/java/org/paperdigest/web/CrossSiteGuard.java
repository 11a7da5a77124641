package org.paperdigest.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;

/**
 * Refuses a form post another web site made a visitor's browser send: one whose {@code Origin}
 * is not the origin of DIGEST_BASE_URL (the public name; behind a proxy the Host header is not),
 * or whose {@code Sec-Fetch-Site} is {@code cross-site}. A request with neither header (a script,
 * an old client) is served: browsers that can be made to post cross-site send at least one.
 */
final class CrossSiteGuard {
    private final String origin;

    CrossSiteGuard(URI baseUrl) {
        this.origin = origin(baseUrl);
    }

    /** Says whether the request came from a page on another site. */
    boolean refuses(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && site.strip().equalsIgnoreCase("cross-site")) {
            return true;
        }
        String given = ctx.header("Origin");
        if (given == null) {
            return false;
        }
        try {
            return !origin.equals(origin(URI.create(given.strip())));
        } catch (IllegalArgumentException notAUri) {
            return true;
        }
    }

    /** {@code scheme://host[:port]}, lower case, the port only when it is not the scheme's default; "null" stays "null". */
    static String origin(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return String.valueOf(uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean usual = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (usual ? "" : ":" + port);
    }
}
