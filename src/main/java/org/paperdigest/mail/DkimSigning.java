package org.paperdigest.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.paperdigest.config.DkimConfig;

/**
 * Signs outgoing messages with DKIM (RFC 6376): rsa-sha256, relaxed/relaxed, covering From, To,
 * Subject, Date, Message-ID, the list headers and the MIME headers when present. It works on the
 * bytes {@link MimeWriter} produced: the body hash is computed over the relaxed form of those bytes
 * and the header block is signed with {@link Signature}; a message is never parsed back into a
 * {@code MimeMessage} to be signed. The key is read once; each sending thread keeps its own
 * {@link Signature} and {@link MessageDigest}, which are not thread-safe.
 */
public final class DkimSigning {
    /**
     * Headers signed when present, in this order (the usual set of signing libraries, and the list
     * headers of RFC 2369, RFC 2919 and RFC 8058). From is signed twice, so that a From header added
     * in transit breaks the signature instead of changing who the message seems to come from.
     */
    static final List<String> SIGNED_HEADERS = List.of("From", "Reply-To", "To", "Cc", "Subject", "Date", "Message-ID",
            "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "List-Id",
            "List-Unsubscribe", "List-Unsubscribe-Post", "List-Help", "List-Subscribe", "List-Post", "List-Owner",
            "List-Archive", "Feedback-ID", "Auto-Submitted");

    private static final int FOLD_AT = 72;

    private final String domain;
    private final String selector;
    private final RSAPrivateKey key;
    private final ThreadLocal<Signature> signers = ThreadLocal.withInitial(this::newSigner);
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(DkimSigning::newDigest);

    public DkimSigning(String domain, String selector, RSAPrivateKey key) {
        if (domain == null || domain.isBlank() || selector == null || selector.isBlank()) {
            throw new IllegalArgumentException("DKIM needs a domain and a selector");
        }
        this.domain = domain;
        this.selector = selector;
        this.key = key;
        newSigner(); // fail now, not on the first message, if the key is unusable
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

    /**
     * The message (as the writer made it, with nothing in front yet) with a DKIM-Signature header added
     * in front, its line-start dots moved along; the rest is byte for byte the same.
     */
    WireMessage sign(WireMessage message) {
        return message.withHeaderInFront(field(message.buffer(), message.length(), message.relaxed(), message.relaxedLength()));
    }

    /**
     * The DKIM-Signature header field (with its CRLF) for the message in {@code message[0, length)};
     * {@code relaxedBody[0, relaxedLength)} is its body's relaxed form, or null.
     */
    private byte[] field(byte[] message, int length, byte[] relaxedBody, int relaxedLength) {
        int bodyStart = bodyStart(message, length);
        List<int[]> headers = headerFields(message, bodyStart);
        StringBuilder names = new StringBuilder();
        StringBuilder canonical = new StringBuilder(1024);
        boolean[] used = new boolean[headers.size()];
        for (String wanted : signedNames(message, headers)) {
            // Bottom-up: the n-th mention of a name signs the n-th instance counted from the end.
            for (int i = headers.size() - 1; i >= 0; i--) {
                int[] h = headers.get(i);
                if (!used[i] && nameIs(message, h, wanted)) {
                    used[i] = true;
                    relaxedHeader(message, h, canonical);
                    canonical.append("\r\n");
                    break;
                }
            }
            names.append(names.length() == 0 ? "" : ":").append(wanted.toLowerCase(Locale.ROOT));
        }
        if (relaxedBody == null) {
            ByteSink sink = new ByteSink(length - bodyStart);
            RelaxedBody.append(message, bodyStart, length, sink);
            relaxedBody = sink.toByteArray();
            relaxedLength = relaxedBody.length;
        }
        String bodyHash = Base64.getEncoder().encodeToString(bodyHash(relaxedBody, relaxedLength));
        String unsigned = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + ";\r\n\th="
                + fold(names.toString(), ':') + ";\r\n\tbh=" + bodyHash + ";\r\n\tb=";
        canonical.append("dkim-signature:").append(relaxedValue(unsigned));
        String b;
        try {
            Signature s = signers.get();
            s.update(canonical.toString().getBytes(StandardCharsets.US_ASCII));
            b = Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot DKIM-sign a message: " + e.getMessage(), e);
        }
        return ("DKIM-Signature: " + unsigned + foldBase64(b) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The names of {@link #SIGNED_HEADERS} that the message has, plus From once more (over-signing). */
    private static List<String> signedNames(byte[] m, List<int[]> headers) {
        List<String> names = new ArrayList<>();
        for (String name : SIGNED_HEADERS) {
            for (int[] h : headers) {
                if (nameIs(m, h, name)) {
                    names.add(name);
                    break;
                }
            }
        }
        if (names.contains("From")) {
            names.add("From");
        }
        return names;
    }

    /** The offset of the first body byte: just after the first empty line (or the end of the message). */
    private static int bodyStart(byte[] m, int length) {
        for (int i = 0; i + 3 < length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i + 4;
            }
        }
        return length;
    }

    /** Each header field as {start, end}: from its name to just before the CRLF ending its last line. */
    private static List<int[]> headerFields(byte[] m, int bodyStart) {
        List<int[]> fields = new ArrayList<>(16);
        int end = Math.max(0, bodyStart - 2); // the empty line's CRLF
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (m[i] == '\r' && i + 1 < end && m[i + 1] == '\n') {
                boolean continued = i + 2 < end && (m[i + 2] == ' ' || m[i + 2] == '\t');
                if (!continued) {
                    fields.add(new int[] {start, i});
                    start = i + 2;
                }
                i++;
            }
        }
        if (start < end) {
            fields.add(new int[] {start, end});
        }
        return fields;
    }

    private static boolean nameIs(byte[] m, int[] field, String name) {
        int n = name.length();
        if (field[1] - field[0] <= n || m[field[0] + n] != ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Character.toLowerCase((char) m[field[0] + i]) != Character.toLowerCase(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Relaxed header canonicalization (RFC 6376 3.4.2): lower-case name, unfolded value, one space for each run of blanks. */
    private static void relaxedHeader(byte[] m, int[] field, StringBuilder out) {
        int colon = field[0];
        while (m[colon] != ':') {
            colon++;
        }
        for (int i = field[0]; i < colon; i++) {
            out.append(Character.toLowerCase((char) m[i]));
        }
        // Header names never end in blanks in what MimeWriter writes, but trim as the RFC says.
        while (out.length() > 0 && (out.charAt(out.length() - 1) == ' ' || out.charAt(out.length() - 1) == '\t')) {
            out.setLength(out.length() - 1);
        }
        out.append(':');
        out.append(relaxedValue(new String(m, colon + 1, field[1] - colon - 1, StandardCharsets.ISO_8859_1)));
    }

    private static String relaxedValue(String value) {
        StringBuilder v = new StringBuilder(value.length());
        boolean blank = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (c == ' ' || c == '\t') {
                blank = true;
                continue;
            }
            if (blank && v.length() > 0) {
                v.append(' ');
            }
            blank = false;
            v.append(c);
        }
        return v.toString();
    }

    /**
     * The SHA-256 of a body in relaxed form (RFC 6376 3.4.4): its empty lines at the end dropped, and a
     * non-empty body ended with one CRLF. One update: the relaxed form is made as the message is written.
     */
    private byte[] bodyHash(byte[] relaxed, int length) {
        MessageDigest d = digests.get();
        d.reset();
        int n = RelaxedBody.withoutTrailingEmptyLines(relaxed, length);
        d.update(relaxed, 0, n);
        if (n > 0 && !(n >= 2 && relaxed[n - 2] == '\r' && relaxed[n - 1] == '\n')) {
            d.update(new byte[] {'\r', '\n'});
        }
        return d.digest();
    }

    private static String fold(String list, char separator) {
        StringBuilder out = new StringBuilder(list.length() + 16);
        int line = 3; // "\th="
        for (String part : list.split(String.valueOf(separator), -1)) {
            if (out.length() > 0) {
                out.append(separator);
                line++;
                if (line + part.length() > FOLD_AT) {
                    out.append("\r\n\t ");
                    line = 2;
                }
            }
            out.append(part);
            line += part.length();
        }
        return out.toString();
    }

    private static String foldBase64(String b) {
        StringBuilder out = new StringBuilder(b.length() + b.length() / 32);
        int first = FOLD_AT - 3;
        out.append(b, 0, Math.min(first, b.length()));
        for (int i = first; i < b.length(); i += FOLD_AT) {
            out.append("\r\n\t ").append(b, i, Math.min(i + FOLD_AT, b.length()));
        }
        return out.toString();
    }

    private Signature newSigner() {
        Provider fast = NativeCrypto.provider();
        if (fast != null) {
            try {
                Signature s = Signature.getInstance("SHA256withRSA", fast);
                s.initSign(key);
                return s;
            } catch (GeneralSecurityException | RuntimeException e) {
                // a key the native provider refuses still signs with the JDK, only slower
            }
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            return s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with the DKIM key: " + e.getMessage(), e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            Provider fast = NativeCrypto.provider();
            return fast != null ? MessageDigest.getInstance("SHA-256", fast) : MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider that makes the signatures (for the log and the tests). */
    String provider() {
        return signers.get().getProvider().getName();
    }
}
