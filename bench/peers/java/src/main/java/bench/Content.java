package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The personalised message every peer sends: same templates (bench/fixtures), same
 * headers, same token scheme as the node peer (bench/peers/node/send.js).
 */
final class Content {
    static final String FROM = "digest@example.org";
    static final String FROM_NAME = "ML Digest";
    static final String SUBJECT = "Best of 2019 in machine learning — issue 1";
    static final String LIST_ID = "ML Digest <digest.example.org>";
    static final String SECRET = "bench-secret";

    final String textTemplate;
    final String htmlTemplate;

    private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(() -> {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    Content(Path fixtures) throws IOException {
        textTemplate = Files.readString(fixtures.resolve("digest.txt"), StandardCharsets.UTF_8);
        htmlTemplate = Files.readString(fixtures.resolve("digest.html"), StandardCharsets.UTF_8);
    }

    /** One recipient's personalised parts. */
    final class Personal {
        final String email;
        final String name;
        final String token;
        final String unsubscribeUrl;
        final String listUnsubscribe;
        final String text;
        final String html;

        Personal(int i) {
            email = "user" + i + "@example.org";
            name = "User " + i;
            byte[] sig = mac.get().doFinal(("unsubscribe:" + email).getBytes(StandardCharsets.UTF_8));
            token = i + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
            unsubscribeUrl = "https://digest.example.org/unsubscribe/" + token;
            listUnsubscribe = "<" + unsubscribeUrl + ">, <mailto:unsubscribe@digest.example.org?subject=unsubscribe%20"
                    + token + ">";
            text = fill(textTemplate);
            html = fill(htmlTemplate);
        }

        private String fill(String t) {
            return t.replace("{{name}}", name).replace("{{email}}", email).replace("{{unsubscribe_url}}", unsubscribeUrl);
        }
    }

    Personal personal(int i) {
        return new Personal(i);
    }
}
