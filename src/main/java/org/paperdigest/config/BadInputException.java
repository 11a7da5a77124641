package org.paperdigest.config;

/**
 * Signals input or configuration the user must fix: the message says what is wrong and where.
 * The CLI prints the message alone (no stack trace) and exits with status 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
