package org.paperdigest.subscribers;

import org.paperdigest.config.BadInputException;

/** An address refused at the door, with the reason. */
public final class InvalidEmailException extends BadInputException {
    private final String reason;

    InvalidEmailException(String address, String reason) {
        super("'" + printable(address) + "' is not a valid email address: it " + reason);
        this.reason = reason;
    }

    /** The bare reason ("has no dot in its domain"), for messages that name the address themselves. */
    public String reason() {
        return reason;
    }

    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
