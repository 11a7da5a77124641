package org.paperdigest.catalog;

import org.paperdigest.config.BadInputException;

/** A catalog file that cannot be used; the message names the file, the entry and the field. */
public final class CatalogException extends BadInputException {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
