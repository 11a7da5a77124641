package org.paperdigest.mail;

/** A body as its shape and one message's values (see {@link BodyShape}). */
public record ShapedBody(BodyShape shape, String[] values) {
    /** The text itself. */
    public String text() {
        return shape.fill(values);
    }
}
