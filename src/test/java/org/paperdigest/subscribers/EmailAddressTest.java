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

    @Test
    void the_domain_is_folded_to_lower_case() {
        assertThat(EmailAddress.parse("Ada.Lovelace@Example.ORG").value()).isEqualTo("Ada.Lovelace@example.org");
    }

    @Test
    void an_upper_case_a_label_domain_is_accepted_and_folded() {
        assertThat(EmailAddress.parse("IVAN@PRIMER.XN--P1AI").value()).isEqualTo("IVAN@primer.xn--p1ai");
    }

    @Test
    void an_internationalised_domain_is_stored_as_a_labels() {
        assertThat(EmailAddress.parse("user@münchen.de").value()).isEqualTo("user@xn--mnchen-3ya.de");
        assertThat(EmailAddress.parse("ivan@пример.РФ").value()).isEqualTo("ivan@xn--e1afmkfd.xn--p1ai");
    }

    @Test
    void both_spellings_of_an_internationalised_domain_are_one_subscriber() {
        assertThat(EmailAddress.parse("User@MÜNCHEN.de").key()).isEqualTo(EmailAddress.parse("user@xn--mnchen-3ya.de").key());
    }

    @Test
    void a_non_ascii_local_part_is_refused_with_the_reason() {
        refused("иван@пример.рф", "has non-ASCII characters before the @, which only servers speaking SMTPUTF8 accept"
                + " and paper-digest does not send that way");
    }

    @Test
    void an_a_label_that_is_not_punycode_is_refused() {
        refused("ada@xn--zz-.example", "has an invalid domain");
        refused("ada@xn--a.example", "has an invalid internationalised domain label 'xn--a'");
    }

    @Test
    void invisible_characters_around_an_address_are_trimmed_and_named() {
        assertThat(EmailAddress.parse("\u00a0ada@example.org\u200b\ufeff").value()).isEqualTo("ada@example.org");
        assertThat(EmailAddress.invisibleAround(" \u00a0ada@example.org\u200b "))
                .containsExactly("U+00A0 NO-BREAK SPACE", "U+200B ZERO WIDTH SPACE");
        assertThat(EmailAddress.invisibleAround(" ada@example.org ")).isEmpty();
    }

    @Test
    void an_invisible_character_inside_an_address_is_named() {
        refused("ada\u200b@example.org", "contains an invisible character (U+200B ZERO WIDTH SPACE)");
        refused("ada@exa\u00a0mple.org", "contains an invisible character (U+00A0 NO-BREAK SPACE)");
    }
}
