package org.paperdigest.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.MustacheResolver;
import com.github.mustachejava.resolver.ClasspathResolver;
import com.github.mustachejava.resolver.FileSystemResolver;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the transactional emails a reader gets when joining or leaving (the "notices"):
 * {@code <kind>.html.mustache} (HTML-escaped), {@code <kind>.txt.mustache} and
 * {@code <kind>.subject.mustache} (raw). A notice missing from the templates directory falls back
 * to the copy bundled in the jar, so an older customised directory keeps working. Everything is
 * compiled when the renderer is made, so a broken template, or one naming something {@link NoticeView}
 * does not have, fails at start, naming file and line.
 */
public final class NoticeRenderer {

    /** The notices there are, named as their template files are. */
    public enum Kind {
        CONFIRM, WELCOME, ALREADY_SUBSCRIBED, GOODBYE, HELP, LEAVE;

        public String fileName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private record Compiled(Mustache subject, Mustache html, Mustache text) {}

    private final Map<Kind, Compiled> templates = new EnumMap<>(Kind.class);

    /** Compiles the notices of {@code templatesDir} (null: only the bundled ones). */
    public NoticeRenderer(Path templatesDir) {
        String where = templatesDir == null ? "bundled templates/" : templatesDir.toString();
        MustacheResolver resolver = new FallbackResolver(templatesDir);
        DefaultMustacheFactory escaping = new DefaultMustacheFactory(resolver);
        DefaultMustacheFactory raw = new RawMustacheFactory(resolver);
        for (Kind kind : Kind.values()) {
            String base = kind.fileName();
            templates.put(kind, new Compiled(
                    compile(raw, where, templatesDir, base + ".subject.mustache"),
                    compile(escaping, where, templatesDir, base + ".html.mustache"),
                    compile(raw, where, templatesDir, base + ".txt.mustache")));
        }
    }

    /** Renders one notice. */
    public RenderedEmail render(Kind kind, NoticeView view) {
        Compiled c = templates.get(kind);
        String subject = run(c.subject(), view).strip().replaceAll("\\s+", " ");
        return new RenderedEmail(subject, run(c.html(), view), run(c.text(), view));
    }

    private static String run(Mustache template, Object scope) {
        StringWriter out = new StringWriter(4096);
        template.execute(out, scope);
        return out.toString();
    }

    private static Mustache compile(DefaultMustacheFactory factory, String where, Path root, String name) {
        Mustache compiled;
        try {
            compiled = factory.compile(name);
        } catch (MustacheNotFoundException e) {
            if (e.getName() != null && !e.getName().equals(name)) {
                throw new TemplateException(MissingPartial.describe(where, root, name, e.getName()), e);
            }
            throw new TemplateException(Path.of(where, name) + ": template not found (" + e.getMessage() + ")", e);
        } catch (MustacheException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e.getContext() != null) {
                int at = message.indexOf(" @[");
                throw new TemplateException(Path.of(where, e.getContext().file()) + " line " + e.getContext().line()
                        + ": " + (at > 0 ? message.substring(0, at) : message), e);
            }
            throw new TemplateException(Path.of(where, name) + ": " + message, e);
        }
        TemplateNames.check(compiled, NoticeView.class, where, name);
        return compiled;
    }

    /** Looks a template up in the directory first, then among the copies bundled in the jar. */
    private static final class FallbackResolver implements MustacheResolver {
        private final MustacheResolver directory;
        private final MustacheResolver bundled = new ClasspathResolver("templates");

        FallbackResolver(Path dir) {
            this.directory = dir == null ? null : new FileSystemResolver(dir.toFile());
        }

        @Override
        public Reader getReader(String resourceName) {
            Reader r = directory == null ? null : directory.getReader(resourceName);
            return r != null ? r : bundled.getReader(resourceName);
        }
    }

}
