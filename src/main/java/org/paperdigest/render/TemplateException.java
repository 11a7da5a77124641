package org.paperdigest.render;

import org.paperdigest.config.BadInputException;

/** A template that is missing or does not compile; the message names the file and line. */
public final class TemplateException extends BadInputException {
    TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
