package org.paperdigest.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file by the rules dotenv readers share (python-dotenv, Docker Compose, the
 * Node and Ruby dotenv): {@code NAME=value}, an optional {@code export }, comments on their own line
 * or after a value, and quotes that are not part of the value:
 * <ul>
 * <li>unquoted: surrounding spaces dropped; {@code #} after a space starts a comment ({@code pa#ss} keeps it);</li>
 * <li>{@code 'single'}: taken literally, spaces and {@code #} included;</li>
 * <li>{@code "double"}: as single, plus the escapes {@code \n \t \" \\};</li>
 * <li>a quoted value may span lines; after the closing quote only spaces and a {@code # comment} may follow;</li>
 * <li>no {@code $VAR} expansion: a {@code $} in a password stays a {@code $}.</li>
 * </ul>
 * A line that breaks these rules fails naming the file and the line.
 */
final class DotEnv {
    private static final Pattern NAME = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*");

    /** One value read, with the line it came from; {@code exact} values (quoted) keep their spaces. */
    record Entry(String value, int line, boolean exact) {}

    private DotEnv() {}

    /** Parses the lines of {@code file}; later lines win over earlier ones for the same name. */
    static Map<String, Entry> parse(Path file, List<String> lines) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(stripped);
            if (!m.find()) {
                throw bad(file, lineNumber, "expected NAME=value");
            }
            String rest = stripped.substring(m.end());
            if (rest.startsWith("'") || rest.startsWith("\"")) {
                char quote = rest.charAt(0);
                StringBuilder value = new StringBuilder();
                String text = rest.substring(1);
                int end;
                while ((end = closingQuote(text, quote)) < 0) {
                    // The value goes on to the next line.
                    if (++i >= lines.size()) {
                        throw bad(file, lineNumber, "the value of " + m.group(1) + " opens a " + quote + " quote that is never closed");
                    }
                    value.append(quote == '"' ? unescape(text) : text).append('\n');
                    text = lines.get(i);
                }
                value.append(quote == '"' ? unescape(text.substring(0, end)) : text.substring(0, end));
                String after = text.substring(end + 1).strip();
                if (!after.isEmpty() && !after.startsWith("#")) {
                    throw bad(file, lineNumber, "unexpected text after the closing quote of " + m.group(1) + ": " + after
                            + " (put a comment after ' #')");
                }
                out.put(m.group(1), new Entry(value.toString(), lineNumber, true));
            } else {
                out.put(m.group(1), new Entry(uncomment(rest), lineNumber, false));
            }
        }
        return out;
    }

    /** Where {@code quote} closes in {@code text}, or -1; in double quotes a backslash escapes the next character. */
    private static int closingQuote(String text, char quote) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '"', '\\' -> b.append(n);
                    default -> b.append('\\').append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** An unquoted value up to a comment: {@code #} at the start or after whitespace. */
    private static String uncomment(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '#' && (i == 0 || Character.isWhitespace(raw.charAt(i - 1)))) {
                return raw.substring(0, i).strip();
            }
        }
        return raw.strip();
    }

    private static BadInputException bad(Path file, int line, String what) {
        return new BadInputException(file + " line " + line + ": " + what);
    }
}
