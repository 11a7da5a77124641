package org.paperdigest.mail;

import jakarta.mail.MessagingException;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.paperdigest.config.DkimConfig;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * Signs outgoing messages with DKIM (RFC 6376) through utils-mail-dkim: rsa-sha256, relaxed/relaxed,
 * covering From, To, Subject, Date, Message-ID, the list headers and the MIME headers. The key is
 * read once; each sending thread keeps its own signer, because a signer holds one
 * {@link java.security.Signature}, which is not thread-safe. A message is signed once, when it is written.
 */
public final class DkimSigning {
    /** Headers signed when present, besides the library's defaults (From, To, Subject, Date, Message-ID, List-*, MIME …). */
    static final List<String> EXTRA_SIGNED_HEADERS = List.of("List-Unsubscribe-Post");

    private final String domain;
    private final String selector;
    private final RSAPrivateKey key;
    private final ThreadLocal<DkimSigner> signers = ThreadLocal.withInitial(this::newSigner);

    public DkimSigning(String domain, String selector, RSAPrivateKey key) {
        this.domain = domain;
        this.selector = selector;
        this.key = key;
        newSigner(); // fail now, not on the first message, if the key or domain is unusable
    }

    /** Reads the key of a DKIM configuration, or returns null when signing is off. */
    public static DkimSigning from(DkimConfig config) {
        if (config == null || !config.enabled()) {
            return null;
        }
        return new DkimSigning(config.domain(), config.selector(), DkimKeys.readPrivateKey(config.privateKeyFile()));
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    /** Returns the message with a DKIM-Signature header added in front; the rest is byte for byte the same. */
    byte[] sign(Session session, byte[] message) {
        try {
            DkimMessage signed = new DkimMessage(new MimeMessage(session, new ByteArrayInputStream(message)), signers.get());
            ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 1024);
            signed.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot DKIM-sign a message: " + e.getMessage(), e);
        }
    }

    private DkimSigner newSigner() {
        DkimSigner s = new DkimSigner(domain, selector, key);
        s.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
        s.setHeaderCanonicalization(Canonicalization.RELAXED);
        s.setBodyCanonicalization(Canonicalization.RELAXED);
        s.setCheckDomainKey(false); // no DNS look-up per message; `lint` and the docs cover publishing the key
        s.setLengthParam(false);
        EXTRA_SIGNED_HEADERS.forEach(s::addHeaderToSign);
        return s;
    }
}
