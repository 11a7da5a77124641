package org.paperdigest.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheResolver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** A Mustache factory for text and subject templates: values are written as they are, not HTML-escaped. */
final class RawMustacheFactory extends DefaultMustacheFactory {
    RawMustacheFactory(File root) {
        super(root);
    }

    RawMustacheFactory(String resourceRoot) {
        super(resourceRoot);
    }

    RawMustacheFactory(MustacheResolver resolver) {
        super(resolver);
    }

    @Override
    public void encode(String value, Writer writer) {
        try {
            writer.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
