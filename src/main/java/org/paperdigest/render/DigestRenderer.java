package org.paperdigest.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders the digest with Mustache: {@code digest.html.mustache} (HTML-escaped),
 * {@code digest.txt.mustache} and {@code subject.mustache} (not escaped), and their partials,
 * all from one templates directory. Templates are compiled once, when the renderer is made, so a
 * broken template, or one naming something {@link DigestView} does not have, fails before anything is sent.
 */
public final class DigestRenderer {
    public static final String HTML = "digest.html.mustache";
    public static final String TEXT = "digest.txt.mustache";
    public static final String SUBJECT = "subject.mustache";

    private final Mustache html;
    private final Mustache text;
    private final Mustache subject;
    private final ShapeCache shapes;

    /** Compiles the templates of a directory (DIGEST_TEMPLATES). */
    public DigestRenderer(Path templatesDir) {
        this(checked(templatesDir).toString(), templatesDir.toFile());
    }

    /** Compiles the templates bundled in the jar, for running outside the repository. */
    public static DigestRenderer bundled() {
        return new DigestRenderer("bundled templates/", null);
    }

    private DigestRenderer(String where, File root) {
        DefaultMustacheFactory escaping = root != null ? new DefaultMustacheFactory(root) : new DefaultMustacheFactory("templates");
        DefaultMustacheFactory plain = root != null ? new RawMustacheFactory(root) : new RawMustacheFactory("templates");
        Path dir = root == null ? null : root.toPath();
        this.html = compile(escaping, where, dir, HTML);
        this.text = compile(plain, where, dir, TEXT);
        this.subject = compile(plain, where, dir, SUBJECT);
        this.shapes = new ShapeCache(this::renderFully, value -> {
            StringWriter w = new StringWriter(value.length() + 16);
            escaping.encode(value, w);
            return w.toString();
        });
    }

    private static Path checked(Path templatesDir) {
        if (!Files.isDirectory(templatesDir)) {
            throw new TemplateException("Templates directory " + templatesDir.toAbsolutePath()
                    + " does not exist (set DIGEST_TEMPLATES to the folder holding " + HTML + ")", null);
        }
        return templatesDir;
    }

    private static Mustache compile(DefaultMustacheFactory factory, String dir, Path root, String name) {
        Mustache compiled;
        try {
            compiled = factory.compile(name);
        } catch (MustacheNotFoundException e) {
            if (e.getName() != null && !e.getName().equals(name)) {
                // The template exists; a partial it includes does not.
                throw new TemplateException(MissingPartial.describe(dir, root, name, e.getName()), e);
            }
            throw new TemplateException(Path.of(dir, name) + ": template not found (" + e.getMessage() + ")", e);
        } catch (MustacheException e) {
            throw new TemplateException(describe(dir, name, e), e);
        }
        TemplateNames.check(compiled, DigestView.class, dir, name);
        return compiled;
    }

    private static String describe(String dir, String name, MustacheException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e.getContext() != null) {
            int at = message.indexOf(" @[");
            String reason = at > 0 ? message.substring(0, at) : message;
            return Path.of(dir, e.getContext().file()) + " line " + e.getContext().line() + ": " + reason;
        }
        return Path.of(dir, name) + ": " + message;
    }

    /** Renders the three parts for one reader (readers who share papers and topics share most of the work). */
    public RenderedEmail render(DigestView view) {
        ShapeCache.Parts parts = shapes.render(view);
        return new RenderedEmail(parts.subject().strip().replaceAll("\\s+", " "), parts.html(), parts.text(),
                parts.shapedHtml(), parts.shapedText());
    }

    /**
     * Returns what two readers' messages share when they differ only in personal values (name,
     * address, signed links): equal shapes render the same apart from those values.
     */
    public Object shapeOf(DigestView view) {
        return ShapeCache.shapeOf(view);
    }

    /** Runs the three templates on a view: subject, HTML, text. */
    private String[] renderFully(DigestView view) {
        return new String[] {run(subject, view, 128), run(html, view, 16 * 1024), run(text, view, 8 * 1024)};
    }

    private static String run(Mustache template, Object scope, int capacity) {
        StringWriter out = new StringWriter(capacity);
        template.execute(out, scope);
        return out.toString();
    }
}
