package org.paperdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The link MACs are HMAC-SHA256 whichever provider computes them: links signed before stay valid. */
class SecretMacTest {
    @Test
    void the_mac_is_the_jdks_hmac_sha256_truncated() throws Exception {
        String secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        SecretMac mac = new SecretMac(secret);
        Mac jdk = Mac.getInstance("HmacSHA256", "SunJCE");
        jdk.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (int i = 0; i < 50; i++) {
            String data = "unsubscribe." + i + ".".repeat(i);
            byte[] expected = Arrays.copyOf(jdk.doFinal(data.getBytes(StandardCharsets.US_ASCII)), 12);
            assertThat(mac.of(data, 12)).as(data).isEqualTo(expected);
        }
    }
}
