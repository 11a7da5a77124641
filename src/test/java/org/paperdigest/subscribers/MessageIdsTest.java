package org.paperdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {
    private final MessageIds ids = new MessageIds("secret-one", "example.org");

    @Test
    void a_message_id_names_its_delivery_and_is_stable() {
        String id = ids.forDelivery(4, 17);

        assertThat(id).matches("<digest\\.4\\.17\\.[0-9a-f]{16}@example\\.org>").isEqualTo(ids.forDelivery(4, 17));
        assertThat(ids.verify(id)).contains(new BounceAddresses.Tag(4, 17));
        assertThat(ids.verify(id.toUpperCase(java.util.Locale.ROOT).replace("@EXAMPLE.ORG", "@example.org")))
                .as("some servers upper-case what they quote").contains(new BounceAddresses.Tag(4, 17));
    }

    @Test
    void a_guessed_or_foreign_message_id_names_nothing() {
        String mine = ids.forDelivery(4, 17);
        String mac = mine.substring(mine.lastIndexOf('.', mine.indexOf('@')) + 1, mine.indexOf('@'));

        assertThat(ids.verify("<digest.4.18." + mac + "@example.org>")).as("another reader, my MAC").isEmpty();
        assertThat(ids.verify("<digest.5.17." + mac + "@example.org>")).as("another issue").isEmpty();
        assertThat(new MessageIds("secret-two", "example.org").verify(mine)).as("another installation").isEmpty();
        assertThat(ids.verify("<digest.4.17.deadbeef@example.org>")).as("the old per-installation form").isEmpty();
        assertThat(ids.verify(null)).isEmpty();
    }
}
