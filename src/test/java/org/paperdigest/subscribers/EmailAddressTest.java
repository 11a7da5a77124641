package org.paperdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "ada@example.org",
            "Ada.Lovelace@Example.ORG",
            "first.last+tag@mail.example.co.uk",
            "o'brien@example.ie",
            "a!#$%&'*+/=?^_`{|}~-z@example.org",
            "x@xn--bcher-kva.example",
            "user@sub-domain.example.museum"})
    void accepts_dot_atom_addresses(String address) {
        assertThat(new EmailAddress(address).value()).isEqualTo(address);
    }

    @Test
    void parse_trims_surrounding_spaces() {
        assertThat(EmailAddress.parse("  ada@example.org \t").value()).isEqualTo("ada@example.org");
    }

    @Test
    void the_key_is_case_insensitive() {
        assertThat(EmailAddress.parse("Ada@Example.ORG").key()).isEqualTo(EmailAddress.parse("ada@example.org").key());
    }

    @Test
    void a_local_part_of_64_characters_is_accepted_and_65_refused() {
        assertThat(new EmailAddress("a".repeat(64) + "@example.org").value()).hasSize(64 + 12);

        refused("a".repeat(65) + "@example.org", "has more than 64 characters before the @");
    }

    @Test
    void an_address_of_254_characters_is_accepted_and_255_refused() {
        String ok = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".org";
        assertThat(ok).hasSize(254);
        assertThat(new EmailAddress(ok).value()).isEqualTo(ok);

        refused(ok.replace("@b", "@bb"), "is longer than 254 characters");
    }

    @Test
    void refuses_control_characters() {
        refused("ada@example.org\r\nBcc: everyone@example.org", "contains a space or control character");
        refused("ada\u0000@example.org", "contains a space or control character");
    }

    @Test
    void refuses_spaces_inside() {
        refused("ada lovelace@example.org", "contains a space or control character");
    }

    @Test
    void refuses_a_domain_without_a_dot() {
        refused("ada@localhost", "has no dot in its domain");
    }

    @Test
    void refuses_missing_or_repeated_at_signs() {
        refused("ada.example.org", "must contain exactly one @ with text on both sides");
        refused("ada@@example.org", "must contain exactly one @ with text on both sides");
        refused("@example.org", "must contain exactly one @ with text on both sides");
    }

    @Test
    void refuses_dots_that_do_not_separate_atoms() {
        refused(".ada@example.org", "has characters or dots not allowed before the @");
        refused("ada.@example.org", "has characters or dots not allowed before the @");
        refused("ada..l@example.org", "has characters or dots not allowed before the @");
    }

    @Test
    void refuses_quoted_local_parts_and_ip_literals() {
        refused("\"ada\"@example.org", "has characters or dots not allowed before the @");
        refused("ada@[192.0.2.1]", "has an invalid domain");
    }

    @Test
    void refuses_bad_domain_labels() {
        refused("ada@-example.org", "has an invalid domain");
        refused("ada@example..org", "has an invalid domain");
        refused("ada@example.o", "has an invalid top-level domain");
    }

    @Test
    void refuses_an_empty_address() {
        refused("", "is empty");
        assertThatThrownBy(() -> EmailAddress.parse(null)).isInstanceOf(InvalidEmailException.class);
    }

    @Test
    void the_message_shows_control_characters_escaped() {
        assertThatThrownBy(() -> new EmailAddress("a\u0007@example.org"))
                .hasMessage("'a\\u0007@example.org' is not a valid email address: it contains a space or control character");
    }

    private static void refused(String address, String reason) {
        assertThatThrownBy(() -> new EmailAddress(address))
                .isInstanceOf(InvalidEmailException.class)
                .satisfies(e -> assertThat(((InvalidEmailException) e).reason()).isEqualTo(reason));
    }
}
