package org.paperdigest.mail;

/**
 * One SMTP reply: the three-digit code and its text (all lines joined), e.g. {@code 550 5.1.1 User
 * unknown}, and the step of the transaction it answered, which decides what a refusal means: at
 * MAIL the server refuses the sender (every message would fail), at RCPT the address, at the end
 * of DATA this message.
 */
record SmtpReply(int code, String text, Stage stage) {

    /** The step of a mail transaction a reply answers (RFC 5321 section 3.3). */
    enum Stage { SESSION, MAIL, RCPT, DATA, MESSAGE }

    SmtpReply(int code, String text) {
        this(code, text, Stage.SESSION);
    }

    SmtpReply at(Stage s) {
        return new SmtpReply(code, text, s);
    }

    boolean positive() {
        return code >= 200 && code < 400;
    }

    boolean permanent() {
        return code >= 500;
    }

    /** The enhanced status code (RFC 3463) at the start of the text, such as {@code 5.1.1}, or null. */
    String enhancedStatus() {
        int end = text.indexOf(' ');
        String first = end < 0 ? text : text.substring(0, end);
        return first.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") ? first : null;
    }

    /** What a log or a delivery record shows: code and text on one line. */
    @Override
    public String toString() {
        return code + " " + text.replace('\n', ' ');
    }
}
