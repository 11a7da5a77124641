package org.paperdigest.mail;

/**
 * Turns a {@link Letter} into the bytes of a message ready for SMTP: {@code multipart/alternative}
 * with a UTF-8 quoted-printable text part and HTML part, the standard headers and the list headers
 * of RFC 2369, RFC 2919 and RFC 8058. The Message-ID is the letter's, so a resend keeps it. With a
 * {@link DkimSigning}, the message carries a DKIM-Signature (RFC 6376).
 */
public final class MimeBuilder {
    private final DkimSigning dkim;
    private final MimeWriter writer = new MimeWriter();

    public MimeBuilder() {
        this(null);
    }

    /** A builder that DKIM-signs every message; {@code dkim} null means unsigned. */
    public MimeBuilder(DkimSigning dkim) {
        this.dkim = dkim;
    }

    /** The message as it goes over the wire (and as an .eml file), signature included. */
    public byte[] toBytes(Letter letter) {
        return wire(letter).bytes();
    }

    /** The message and where its lines start with '.', for SMTP's DATA. */
    WireMessage wire(Letter letter) {
        WireMessage raw = writer.wire(letter, dkim != null);
        return dkim == null ? raw : dkim.sign(raw);
    }
}
