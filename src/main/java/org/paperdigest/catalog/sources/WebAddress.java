package org.paperdigest.catalog.sources;

import java.net.URI;
import java.net.URISyntaxException;

/** Reads a link a source gives: kept only when it is an absolute http(s) URL. */
final class WebAddress {
    private WebAddress() {}

    /** Returns {@code link} as a URI when it is an absolute http(s) URL, else null. */
    static URI orNull(String link) {
        try {
            URI u = link == null ? null : new URI(link.strip());
            return u != null && u.getHost() != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) ? u : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
