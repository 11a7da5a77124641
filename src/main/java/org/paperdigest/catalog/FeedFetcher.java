package org.paperdigest.catalog;

import java.net.URI;

/** Fetches a feed with a conditional GET; implemented over HTTP in {@code sources}. */
public interface FeedFetcher {

    /** What one fetch brought. */
    sealed interface Fetched {}

    /** A new version of the feed, with the validators to send next time (either may be null). */
    record Changed(byte[] body, String etag, String lastModified) implements Fetched {}

    /** 304 Not Modified: nothing new since the validators were given. */
    record Unchanged() implements Fetched {}

    /** The fetch failed; {@code reason} says how ("HTTP 500", "timed out after 30 s", "larger than 5 MB"). */
    record Failed(String reason) implements Fetched {}

    Fetched fetch(URI url, String etag, String lastModified);
}
