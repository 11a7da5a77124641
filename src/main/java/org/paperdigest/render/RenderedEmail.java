package org.paperdigest.render;

import java.nio.charset.StandardCharsets;
import org.paperdigest.mail.ShapedBody;

/**
 * A digest rendered for one reader: subject line, HTML part and plain-text part. {@code shapedHtml} and
 * {@code shapedText}, when not null, are the same two parts as the digest shape's text and this reader's
 * values, so the mail writer can reuse what every reader of the shape shares; {@code html} and {@code text}
 * may then be null, and are made from the shape only when asked for (sending does not need them).
 */
public record RenderedEmail(String subject, String html, String text, ShapedBody shapedHtml, ShapedBody shapedText) {

    /** Gmail clips HTML bodies larger than this many bytes. */
    public static final int GMAIL_CLIP_BYTES = 102 * 1024;

    /** A rendered email without shapes. */
    public RenderedEmail(String subject, String html, String text) {
        this(subject, html, text, null, null);
    }

    public RenderedEmail {
        if ((html == null && shapedHtml == null) || (text == null && shapedText == null)) {
            throw new IllegalArgumentException("a rendered email needs its HTML and text parts");
        }
    }

    @Override
    public String html() {
        return html != null ? html : shapedHtml.text();
    }

    @Override
    public String text() {
        return text != null ? text : shapedText.text();
    }

    /** Two rendered emails are equal when their subject and both parts are, however they were made. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RenderedEmail e && subject.equals(e.subject) && html().equals(e.html()) && text().equals(e.text());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(subject, html(), text());
    }

    @Override
    public String toString() {
        return "RenderedEmail[subject=" + subject + ", html=" + html().length() + " chars, text=" + text().length() + " chars]";
    }

    public int htmlBytes() {
        return html().getBytes(StandardCharsets.UTF_8).length;
    }
}
