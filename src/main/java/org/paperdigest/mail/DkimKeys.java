package org.paperdigest.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.paperdigest.config.BadInputException;
import org.paperdigest.db.PrivateFiles;

/** Reads and writes DKIM keys: PKCS#8 PEM private keys, SubjectPublicKeyInfo public keys, the DNS TXT record. */
public final class DkimKeys {
    /** RSA key size: 2048 bits is what RFC 8301 and the large receivers ask for (1024 is refused by some). */
    public static final int RSA_BITS = 2048;
    private static final String BEGIN_PKCS8 = "-----BEGIN PRIVATE KEY-----";
    private static final String END_PKCS8 = "-----END PRIVATE KEY-----";

    private DkimKeys() {}

    /** Reads an unencrypted PKCS#8 PEM RSA private key; a missing or wrong file fails naming DKIM_PRIVATE_KEY_FILE. */
    public static RSAPrivateKey readPrivateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new BadInputException("DKIM_PRIVATE_KEY_FILE=" + file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException("DKIM_PRIVATE_KEY_FILE=" + file + ": cannot read it: " + e.getMessage(), e);
        }
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new BadInputException("DKIM_PRIVATE_KEY_FILE=" + file + " is not an unencrypted PKCS#8 key; convert it with"
                    + " `openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem`");
        }
        int begin = pem.indexOf(BEGIN_PKCS8);
        int end = pem.indexOf(END_PKCS8);
        if (begin < 0 || end < begin) {
            throw new BadInputException("DKIM_PRIVATE_KEY_FILE=" + file + " holds no \"" + BEGIN_PKCS8 + "\" block");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN_PKCS8.length(), end));
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new BadInputException("DKIM_PRIVATE_KEY_FILE=" + file + " is not a PKCS#8 RSA private key: " + e.getMessage(), e);
        }
    }

    /** Makes a new RSA key pair for DKIM. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(RSA_BITS);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** Writes the private key as PKCS#8 PEM, readable by its owner only where the file system allows. */
    public static void writePrivateKey(KeyPair pair, Path file) throws IOException {
        try (java.io.OutputStream out = PrivateFiles.newOutputStream(file)) {
            out.write(pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Writes the public key as SubjectPublicKeyInfo PEM. */
    public static void writePublicKey(KeyPair pair, Path file) throws IOException {
        Files.writeString(file, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    }

    /** The TXT record value to publish (RFC 6376 section 3.6.1): {@code v=DKIM1; k=rsa; p=<base64 SPKI>}. */
    public static String txtValue(PublicKey key) {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * The zone-file line for {@code selector._domainkey.domain}: the value split into quoted strings
     * of at most 255 characters, as DNS TXT strings must be.
     */
    public static String zoneLine(String selector, String domain, PublicKey key) {
        String value = txtValue(key);
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 250) {
            chunks.add("\"" + value.substring(i, Math.min(value.length(), i + 250)) + "\"");
        }
        return selector + "._domainkey." + domain + ". IN TXT ( " + String.join(" ", chunks) + " )";
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
