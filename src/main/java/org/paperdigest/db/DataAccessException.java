package org.paperdigest.db;

/** Wraps a SQLException with what was being done when it happened. */
public class DataAccessException extends RuntimeException {
    public DataAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
