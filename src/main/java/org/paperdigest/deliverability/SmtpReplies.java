package org.paperdigest.deliverability;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the SMTP reply in a report's text: a basic code ({@code 550}) where a reply can stand (at
 * the start of a line, after {@code said:}, a quote, a bracket, {@code ;} or {@code #}), with the
 * enhanced status (RFC 3463) only when it follows that code and is of the same class; or a status
 * in a {@code Status:} field or Exchange's {@code <host #5.1.1>}. So an IP address
 * ({@code [4.150.12.7]}), a version ({@code 2.0.12}) or a phone number is never taken for a status.
 */
final class SmtpReplies {
    private static final String ENHANCED = "([245]\\.\\d{1,3}\\.\\d{1,3})(?![.\\d])";
    private static final Pattern REPLY = Pattern.compile("(?im)(?:^[ \\t>]*|[;('\"#:\\[][ \\t]*"
            + "|\\b(?:said|returned|reply|error|reason|response|answer)[: \\t]+)"
            + "([45]\\d\\d)(?:[ -]#?" + ENHANCED + "|(?=:|-\\D|[ \\t]+\\D|[ \\t]*$))");
    private static final Pattern STATUS_FIELD = Pattern.compile("(?im)^[ \\t]*Status:[ \\t]*" + ENHANCED);
    private static final Pattern EXCHANGE = Pattern.compile("<[^<>\\s]+ #" + ENHANCED + ">");
    private static final Pattern STATUS_ONLY = Pattern.compile(ENHANCED);

    /** A reply found in a report: the basic code (may be null), the enhanced status (may be null), and its line(s). */
    record Reply(String code, String status, String line) {}

    private SmtpReplies() {}

    /** The first reply or status in {@code text}. */
    static Optional<Reply> first(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher reply = REPLY.matcher(text);
        Matcher field = STATUS_FIELD.matcher(text);
        Matcher exchange = EXCHANGE.matcher(text);
        int at = Integer.MAX_VALUE;
        Reply best = null;
        if (reply.find()) {
            String code = reply.group(1);
            String status = reply.group(2);
            if (status != null && status.charAt(0) != code.charAt(0)) {
                status = null;
            }
            at = reply.start(1);
            best = new Reply(code, status, lines(text, at, code));
        }
        if (field.find() && field.start() < at && !field.group(1).startsWith("2")) {
            at = field.start();
            best = new Reply(null, field.group(1), lineAt(text, at));
        }
        if (exchange.find() && exchange.start() < at) {
            best = new Reply(null, exchange.group(1), lineAt(text, exchange.start()));
        }
        return Optional.ofNullable(best);
    }

    /** The enhanced status of a DSN {@code Status} field, or null when it holds none or a success (2.x.x). */
    static String statusField(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = STATUS_ONLY.matcher(value.trim());
        return m.lookingAt() && !m.group(1).startsWith("2") ? m.group(1) : null;
    }

    /** The line at {@code index}, with the following lines of a multi-line reply ({@code 550-…}, {@code 550 …}). */
    private static String lines(String text, int index, String code) {
        StringBuilder b = new StringBuilder(lineAt(text, index));
        int next = text.indexOf('\n', index);
        while (next >= 0 && next + 1 < text.length()) {
            String line = lineAt(text, next + 1);
            if (!line.startsWith(code + "-") && !line.startsWith(code + " ")) {
                break;
            }
            b.append(' ').append(line);
            next = text.indexOf('\n', next + 1);
        }
        return b.toString();
    }

    static String lineAt(String text, int index) {
        int start = text.lastIndexOf('\n', Math.max(0, index - 1)) + 1;
        if (index == 0) {
            start = 0;
        }
        int end = text.indexOf('\n', index);
        return text.substring(start, end < 0 ? text.length() : end).trim();
    }
}
