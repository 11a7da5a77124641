package org.paperdigest.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The web pages: Mustache templates under {@code web/} on the classpath, compiled once at start
 * and HTML-escaped. Every page sees the globals ({@code listName}, {@code catalogTitle}) besides
 * its own view.
 */
final class Pages {
    static final String INDEX = "index";
    static final String CHECK_INBOX = "check-inbox";
    static final String CONFIRMED = "confirmed";
    static final String LINK_PROBLEM = "link-problem";
    static final String UNSUBSCRIBE = "unsubscribe";
    static final String UNSUBSCRIBED = "unsubscribed";
    static final String PREFERENCES = "preferences";
    static final String PAPERS = "papers";
    static final String MESSAGE = "message";
    static final String CONFIRM = "confirm";

    private static final List<String> ALL = List.of(INDEX, CHECK_INBOX, CONFIRMED, LINK_PROBLEM, UNSUBSCRIBE,
            UNSUBSCRIBED, PREFERENCES, PAPERS, MESSAGE, CONFIRM);

    private final Map<String, Mustache> templates = new HashMap<>();
    private final Map<String, Object> globals;

    Pages(String listName, String catalogTitle) {
        DefaultMustacheFactory factory = new DefaultMustacheFactory("web");
        for (String name : ALL) {
            templates.put(name, factory.compile(name + ".mustache"));
        }
        this.globals = Map.of("listName", listName, "catalogTitle", catalogTitle);
    }

    /** Renders a page with its view (a record or a map). */
    String render(String page, Object view) {
        Mustache m = templates.get(page);
        if (m == null) {
            throw new IllegalArgumentException("No web page template '" + page + "'");
        }
        StringWriter out = new StringWriter(8192);
        m.execute(out, List.of(globals, view));
        return out.toString();
    }

    /** The view of the generic message page (errors, limits). */
    record Message(String heading, String explanation) {}
}
