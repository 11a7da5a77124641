package org.paperdigest.config;

import java.util.regex.Pattern;

/**
 * Masks credentials in text before it is printed or logged: the password of a URL's user info
 * ({@code postgresql://user:secret@host/db}) and the value of any password-like parameter or
 * variable ({@code password=}, {@code passwd=}, {@code pwd=}, {@code sslpassword=},
 * {@code SMTP_PASSWORD=}, {@code DIGEST_SECRET=}, {@code token=}, {@code api_key=}). The one masking
 * function: the CLI's error line, configuration errors and every log line go through it.
 */
public final class Secrets {
    public static final String MASK = "***";

    // scheme://user:password@host — the password runs to the last '@' before the host.
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*:(?:[a-z][a-z0-9+.-]*:)?//[^\\s:/@?#]*):([^\\s/?#]*)@");
    private static final String VALUE = "(\"[^\"]*\"|'[^']*'|[^&;,\\s'\"]+)";
    // name=value, the name ending in a password-like word (sslpassword, SMTP_PASSWORD, api_key …).
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)((?<![a-z0-9])[a-z0-9_.-]*?(?:password|passwd|passphrase|pwd|pass|secret|token|api[_-]?key|access[_-]?key"
                    + "|private[_-]?key)\\s*=\\s*)" + VALUE);
    // "password: value", as drivers and YAML write it.
    private static final Pattern LABELLED = Pattern.compile("(?i)((?<![a-z0-9])[a-z0-9_.-]*?(?:password|passwd|secret):\\s*)" + VALUE);

    private Secrets() {}

    /** Returns {@code text} with every credential replaced by {@value #MASK}; null stays null. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1:" + MASK + "@");
        masked = PARAMETER.matcher(masked).replaceAll("$1" + MASK);
        return LABELLED.matcher(masked).replaceAll("$1" + MASK);
    }

    /** Says whether a variable holds a secret, so its value is never printed back. */
    public static boolean isSecret(String variable) {
        return variable.matches("(?i).*(PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY).*");
    }
}
