package org.paperdigest.mail;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native provider DKIM signs with, when its library loads here: Amazon Corretto Crypto Provider
 * (AWS-LC). An RSA-2048 signature costs about 0.25 ms of CPU with it against 1.1 ms with the JDK's
 * {@code BigInteger} code, which is only that fast once C2 has compiled it (see the README's JVM
 * options). It is asked for by name for DKIM's {@code Signature} and {@code MessageDigest} and for the
 * HMACs of signed links, and never installed JVM-wide, so TLS and everything else keep the JDK's
 * providers. On a system its
 * library does not support, {@link #provider()} is null and signing uses the JDK.
 */
public final class NativeCrypto {
    private static final Logger log = LoggerFactory.getLogger(NativeCrypto.class);
    private static final Provider PROVIDER = load();

    private NativeCrypto() {}

    /** The native provider, or null when it cannot be used on this system. */
    public static Provider provider() {
        return PROVIDER;
    }

    private static Provider load() {
        if (Boolean.getBoolean("paperdigest.crypto.jdk")) {
            log.debug("Native crypto disabled (-Dpaperdigest.crypto.jdk=true): DKIM signs with the JDK");
            return null;
        }
        Throwable error;
        try {
            AmazonCorrettoCryptoProvider p = AmazonCorrettoCryptoProvider.INSTANCE;
            error = p.getLoadingError();
            if (error == null) {
                return p;
            }
        } catch (LinkageError | RuntimeException e) {
            error = e;
        }
        log.info("DKIM signs with the JDK's RSA: the native provider does not load here ({})", error.toString());
        return null;
    }
}
