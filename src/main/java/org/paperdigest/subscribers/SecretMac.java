package org.paperdigest.subscribers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.security.Provider;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.paperdigest.mail.NativeCrypto;

/** HMAC-SHA256 keyed with DIGEST_SECRET, one {@link Mac} per thread (a Mac is not thread-safe), truncated to what each use needs. */
final class SecretMac {
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    SecretMac(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The first {@code length} bytes of the MAC of {@code data} (ASCII). */
    byte[] of(String data, int length) {
        return Arrays.copyOf(macs.get().doFinal(data.getBytes(StandardCharsets.US_ASCII)), length);
    }

    private Mac newMac() {
        try {
            // Native where it loads (the same bytes, less CPU under the C1-only options of `send`).
            Provider fast = NativeCrypto.provider();
            Mac mac = fast != null ? Mac.getInstance("HmacSHA256", fast) : Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
