package org.paperdigest.subscribers;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A checked email address: an RFC 5322 dot-atom local part and a DNS domain, at most 254
 * characters (64 before the @), no whitespace or control characters. Quoted local parts and IP
 * literals are refused: they are legal but almost never real subscribers, and often abuse.
 *
 * <p>The value is in one normal form: the local part as given, the domain in lower-case ASCII, an
 * internationalised domain as its A-labels ({@code user@münchen.de} is stored and sent as
 * {@code user@xn--mnchen-3ya.de}, IDNA 2003 mapping as {@link IDN} does it), so any SMTP server
 * takes it, SMTPUTF8 or not, and both spellings are one subscriber. A local part with non-ASCII
 * characters is refused: it can only be delivered over SMTPUTF8, which the sending path does not speak.
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
        value = normalised(value);
    }

    /** Parses user input: trims surrounding spaces and invisible characters (see {@link #invisibleAround}), then checks. */
    public static EmailAddress parse(String raw) {
        return new EmailAddress(raw == null ? "" : trim(raw));
    }

    /** The lower-cased form that decides whether two addresses are the same subscriber. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * Names the invisible characters {@link #parse} trims from around {@code raw} that a plain
     * strip would not (no-break space, zero-width space, byte order mark…), as "U+00A0 NO-BREAK SPACE";
     * empty when there are none.
     */
    public static List<String> invisibleAround(String raw) {
        List<String> found = new ArrayList<>();
        if (raw == null) {
            return found;
        }
        int start = 0;
        int end = raw.length();
        while (start < end && isBlankOrInvisible(raw.codePointAt(start))) {
            note(raw.codePointAt(start), found);
            start += Character.charCount(raw.codePointAt(start));
        }
        while (end > start && isBlankOrInvisible(raw.codePointBefore(end))) {
            note(raw.codePointBefore(end), found);
            end -= Character.charCount(raw.codePointBefore(end));
        }
        return found;
    }

    private static void note(int c, List<String> found) {
        if (isInvisible(c)) {
            found.add(describe(c));
        }
    }

    private static String trim(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && isBlankOrInvisible(raw.codePointAt(start))) {
            start += Character.charCount(raw.codePointAt(start));
        }
        while (end > start && isBlankOrInvisible(raw.codePointBefore(end))) {
            end -= Character.charCount(raw.codePointBefore(end));
        }
        return raw.substring(start, end);
    }

    private static boolean isBlankOrInvisible(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || isInvisible(c);
    }

    /** Format characters (zero-width space and joiners, BOM, soft hyphen) and non-breaking spaces. */
    private static boolean isInvisible(int c) {
        return Character.getType(c) == Character.FORMAT || (Character.isSpaceChar(c) && !Character.isWhitespace(c));
    }

    private static String describe(int c) {
        String name = Character.getName(c);
        return String.format(Locale.ROOT, "U+%04X", c) + (name == null ? "" : " " + name);
    }

    private static String normalised(String s) {
        int at = s.lastIndexOf('@');
        return s.substring(0, at + 1) + asciiDomain(s.substring(at + 1)).toLowerCase(Locale.ROOT);
    }

    /** The domain in A-labels, or null when it is not a valid internationalised domain. */
    private static String asciiDomain(String domain) {
        if (domain.chars().allMatch(c -> c < 0x80)) {
            return domain;
        }
        try {
            return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return null;
        }
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
            if (isInvisible(c)) {
                return "contains an invisible character (" + describe(c) + ")";
            }
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.indexOf('@') != at) {
            return "must contain exactly one @ with text on both sides";
        }
        String local = s.substring(0, at);
        if (!local.chars().allMatch(c -> c < 0x80)) {
            return "has non-ASCII characters before the @, which only servers speaking SMTPUTF8 accept"
                    + " and paper-digest does not send that way";
        }
        String domain = asciiDomain(s.substring(at + 1));
        if (domain == null) {
            return "has an invalid internationalised domain";
        }
        domain = domain.toLowerCase(Locale.ROOT);
        if (local.length() + 1 + domain.length() > 254) {
            return "is longer than 254 characters";
        }
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
            if (label.startsWith("xn--") && IDN.toUnicode(label).equals(label)) {
                return "has an invalid internationalised domain label '" + label + "'";
            }
        }
        if (!TLD.matcher(labels[labels.length - 1]).matches()) {
            return "has an invalid top-level domain";
        }
        return null;
    }
}
