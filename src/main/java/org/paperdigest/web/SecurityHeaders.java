package org.paperdigest.web;

import io.javalin.http.Context;

/**
 * Sets the headers every answer carries: a strict Content-Security-Policy (our own stylesheet,
 * no scripts, forms post only to us, no framing), no MIME sniffing, no referrer (links carry
 * signed tokens that must not leak to other sites), and no caching of pages unless a route says
 * otherwise. HSTS is sent when the public URL is https.
 */
final class SecurityHeaders {
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private final boolean https;

    SecurityHeaders(boolean https) {
        this.https = https;
    }

    void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        // Not no-referrer: under it browsers send "Origin: null" even with our own forms, and the
        // cross-site check must refuse that (another site can ask for it). same-origin still keeps
        // token-bearing URLs from every other site.
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
        ctx.header("Cache-Control", "no-store");
        if (https) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }
}
