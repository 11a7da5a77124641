package org.paperdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.paperdigest.subscribers.LinkSigner.Purpose;
import org.paperdigest.testing.TestClock;

/** Rotating DIGEST_SECRET keeps the links in mail already sent working. */
class LinkSignerTest {
    private static final String OLD = "old-secret-0123456789-abcdefghijklmnopq";
    private static final String NEW = "new-secret-0123456789-abcdefghijklmnopq";
    private final TestClock clock = TestClock.at("2026-07-01T10:00:00Z");

    @Test
    void a_link_signed_with_the_previous_secret_still_verifies_after_a_rotation() {
        String oldLink = new LinkSigner(OLD, clock).sign(Purpose.UNSUBSCRIBE, 42);

        LinkSigner rotated = new LinkSigner(NEW, OLD, clock);

        assertThat(rotated.verify(Purpose.UNSUBSCRIBE, oldLink)).isEqualTo(new LinkSigner.Valid(42));
        assertThat(new LinkSigner(NEW, clock).verify(Purpose.UNSUBSCRIBE, oldLink)).as("without the previous secret")
                .isInstanceOf(LinkSigner.Invalid.class);
    }

    @Test
    void the_previous_secret_never_signs() {
        LinkSigner rotated = new LinkSigner(NEW, OLD, clock);

        String fresh = rotated.sign(Purpose.UNSUBSCRIBE, 42);

        assertThat(new LinkSigner(NEW, clock).verify(Purpose.UNSUBSCRIBE, fresh)).isEqualTo(new LinkSigner.Valid(42));
        assertThat(new LinkSigner(OLD, clock).verify(Purpose.UNSUBSCRIBE, fresh)).isInstanceOf(LinkSigner.Invalid.class);
        assertThat(rotated.verify(Purpose.CONFIRM, fresh)).as("purposes stay apart").isInstanceOf(LinkSigner.Invalid.class);
    }
}
