package org.paperdigest.mail;

import java.util.Objects;

/** The outcome of one lint check: its name, a verdict and one line saying what was found. */
public record LintCheck(String name, Verdict verdict, String detail) {

    /** PASS is fine; WARN is worth a look but does not stop a send; FAIL stops {@code send}. */
    public enum Verdict { PASS, WARN, FAIL }

    public LintCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
    }

    static LintCheck pass(String name, String detail) {
        return new LintCheck(name, Verdict.PASS, detail);
    }

    static LintCheck warn(String name, String detail) {
        return new LintCheck(name, Verdict.WARN, detail);
    }

    static LintCheck fail(String name, String detail) {
        return new LintCheck(name, Verdict.FAIL, detail);
    }

    /** One line for the terminal: {@code PASS  html-size      HTML part is 15.1 KB …}. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "%-4s  %-17s %s", verdict, name, detail);
    }
}
