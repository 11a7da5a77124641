package org.paperdigest.mail;

/** One SMTP reply: the three-digit code and its text (all lines joined), e.g. {@code 550 5.1.1 User unknown}. */
record SmtpReply(int code, String text) {

    boolean positive() {
        return code >= 200 && code < 400;
    }

    boolean permanent() {
        return code >= 500;
    }

    /** What a log or a delivery record shows: code and text on one line. */
    @Override
    public String toString() {
        return code + " " + text;
    }
}
