package org.paperdigest.render;

import java.nio.charset.StandardCharsets;

/** A digest rendered for one reader: subject line, HTML part and plain-text part. */
public record RenderedEmail(String subject, String html, String text) {

    /** Gmail clips HTML bodies larger than this many bytes. */
    public static final int GMAIL_CLIP_BYTES = 102 * 1024;

    public int htmlBytes() {
        return html.getBytes(StandardCharsets.UTF_8).length;
    }
}
