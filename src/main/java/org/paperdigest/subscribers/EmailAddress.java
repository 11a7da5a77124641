package org.paperdigest.subscribers;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A checked email address: an RFC 5322 dot-atom local part and a DNS domain, at most 254
 * characters (64 before the @), no whitespace or control characters. Quoted local parts and IP
 * literals are refused: they are legal but almost never real subscribers, and often abuse.
 */
public record EmailAddress(String value) {
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
    private static final Pattern LOCAL = Pattern.compile(ATEXT + "+(?:\\." + ATEXT + "+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TLD = Pattern.compile("(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})");

    public EmailAddress {
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidEmailException(value, problem);
        }
    }

    /** Parses user input: trims surrounding spaces, then checks. */
    public static EmailAddress parse(String raw) {
        return new EmailAddress(raw == null ? "" : raw.strip());
    }

    /** The lower-cased form that decides whether two addresses are the same subscriber. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Returns why {@code s} is not an acceptable address, or null when it is. */
    static String problem(String s) {
        if (s == null || s.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                return "contains a space or control character";
            }
        }
        if (s.length() > 254) {
            return "is longer than 254 characters";
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.indexOf('@') != at) {
            return "must contain exactly one @ with text on both sides";
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (local.length() > 64) {
            return "has more than 64 characters before the @";
        }
        if (!LOCAL.matcher(local).matches()) {
            return "has characters or dots not allowed before the @";
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return "has no dot in its domain";
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return "has an invalid domain";
            }
        }
        if (!TLD.matcher(labels[labels.length - 1]).matches()) {
            return "has an invalid top-level domain";
        }
        return null;
    }
}
