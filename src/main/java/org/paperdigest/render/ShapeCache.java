package org.paperdigest.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.paperdigest.mail.BodyShape;
import org.paperdigest.mail.ShapedBody;

/**
 * Renders each distinct "shape" of the digest once and reuses it. A shape is everything but the
 * five values that differ per reader (greeting, address, unsubscribe, preferences and view
 * links): readers with the same papers, reasons and topics share one. The shape is rendered with
 * a placeholder character in place of each personal value, cut into pieces at the placeholders,
 * and a reader's message is then the pieces joined with their own (escaped) values.
 *
 * <p>Mustache templates are logic-less: a personal value can change the output only through its
 * text or its truthiness, and truthiness (null or not) is part of the shape. Every new shape is
 * still checked once against a full render, and falls back to full renders if they differ.
 */
final class ShapeCache {
    private static final int MAX_SHAPES = 4096;
    private static final char FIRST = '\uE010';
    private static final int FIELDS = 5;

    private final Map<DigestView, BodyShape[]> shapes = new ConcurrentHashMap<>();
    private final Function<DigestView, String[]> fullRender;
    private final Escaper htmlEscaper;

    /** HTML-escapes a value exactly as the HTML template would. */
    @FunctionalInterface
    interface Escaper {
        String escape(String value);
    }

    ShapeCache(Function<DigestView, String[]> fullRender, Escaper htmlEscaper) {
        this.fullRender = fullRender;
        this.htmlEscaper = htmlEscaper;
    }

    /** Subject, HTML and text; or, when rendered from a shape, HTML and text as the shape and this reader's values. */
    record Parts(String subject, String html, String text, ShapedBody shapedHtml, ShapedBody shapedText) {}

    /** Returns subject, HTML and text for the view: from its shape when possible. */
    Parts render(DigestView view) {
        DigestView shape = shapeOf(view);
        BodyShape[] pieces = shapes.get(shape);
        if (pieces == null) {
            pieces = prepare(view);
            if (shapes.size() >= MAX_SHAPES) {
                shapes.clear();
            }
            shapes.put(shape, pieces);
        }
        if (pieces.length == 0) {
            String[] full = fullRender.apply(view);
            return new Parts(full[0], full[1], full[2], null, null);
        }
        String[] raw = personal(view);
        String[] escaped = new String[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            escaped[i] = raw[i] == null ? null : htmlEscaper.escape(raw[i]);
        }
        ShapedBody html = new ShapedBody(pieces[1], escaped);
        ShapedBody text = new ShapedBody(pieces[2], raw);
        return new Parts(pieces[0].fill(raw), null, null, html, text);
    }

    private BodyShape[] prepare(DigestView view) {
        DigestView marked = withPersonal(view, new String[] {
            mark(0), mark(1), mark(2), mark(3), view.viewInBrowserUrl() == null ? null : mark(4)});
        String[] rendered = fullRender.apply(marked);
        BodyShape[] pieces = {cut(rendered[0]), cut(rendered[1]), cut(rendered[2])};
        String[] full = fullRender.apply(view);
        String[] raw = personal(view);
        String[] escaped = new String[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            escaped[i] = raw[i] == null ? null : htmlEscaper.escape(raw[i]);
        }
        boolean same = pieces[0].fill(raw).equals(full[0]) && pieces[1].fill(escaped).equals(full[1])
                && pieces[2].fill(raw).equals(full[2]);
        return same ? pieces : new BodyShape[0];
    }

    private static String mark(int field) {
        return String.valueOf((char) (FIRST + field));
    }

    private static String[] personal(DigestView v) {
        return new String[] {v.greetingName(), v.email(), v.unsubscribeUrl(), v.preferencesUrl(), v.viewInBrowserUrl()};
    }

    static DigestView shapeOf(DigestView v) {
        return withPersonal(v, new String[] {null, null, null, null, v.viewInBrowserUrl() == null ? null : ""});
    }

    private static DigestView withPersonal(DigestView v, String[] p) {
        return new DigestView(v.title(), v.listName(), v.issueNumber(), v.issueDate(), v.preheader(), p[0], p[1],
                v.topics(), v.papers(), p[2], p[3], v.papersUrl(), p[4], v.fromAddress());
    }

    /** A rendered shape cut at its placeholders: literal text, then field, then literal text… */
    private static BodyShape cut(String rendered) {
        List<String> literals = new ArrayList<>();
        List<Integer> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < rendered.length(); i++) {
            int f = rendered.charAt(i) - FIRST;
            if (f >= 0 && f < FIELDS) {
                literals.add(rendered.substring(start, i));
                fields.add(f);
                start = i + 1;
            }
        }
        literals.add(rendered.substring(start));
        return new BodyShape(literals, fields.stream().mapToInt(Integer::intValue).toArray());
    }
}
