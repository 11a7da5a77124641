package org.paperdigest.config;

import java.nio.file.Path;

/**
 * DKIM signing (RFC 6376): the signing domain ({@code d=}), the selector ({@code s=}) and the
 * PKCS#8 PEM private key file. All three are set, or none: signing is off when none is.
 */
public record DkimConfig(String domain, String selector, Path privateKeyFile) {

    /** Signing is off. */
    public static final DkimConfig OFF = new DkimConfig(null, null, null);

    public boolean enabled() {
        return domain != null;
    }

    static DkimConfig read(Settings s) {
        String domain = s.optional("DKIM_DOMAIN");
        String selector = s.optional("DKIM_SELECTOR");
        String key = s.optional("DKIM_PRIVATE_KEY_FILE");
        if (domain == null && selector == null && key == null) {
            return OFF;
        }
        if (domain == null || selector == null || key == null) {
            throw new BadInputException("DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together; missing: "
                    + String.join(", ", missing(domain, selector, key))
                    + " (`paper-digest dkim keygen --selector S --domain D` makes a key)");
        }
        if (!domain.matches("(?i)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+")) {
            throw s.bad("DKIM_DOMAIN", domain, "a domain name such as example.org");
        }
        if (!selector.matches("(?i)[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?")) {
            throw s.bad("DKIM_SELECTOR", selector, "a DNS label such as digest2026");
        }
        return new DkimConfig(domain.toLowerCase(java.util.Locale.ROOT), selector, Path.of(key));
    }

    private static java.util.List<String> missing(String domain, String selector, String key) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (domain == null) {
            out.add("DKIM_DOMAIN");
        }
        if (selector == null) {
            out.add("DKIM_SELECTOR");
        }
        if (key == null) {
            out.add("DKIM_PRIVATE_KEY_FILE");
        }
        return out;
    }
}
