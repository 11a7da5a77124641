package org.paperdigest.db;

/** Signals that the database server could not be reached; the configuration itself may be fine. */
public class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
