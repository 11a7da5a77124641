package org.paperdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void strips_control_characters() {
        assertThat(Names.clean("Ada\u0000 Love\u0007lace\u001b[31m")).isEqualTo("Ada Lovelace[31m");
    }

    @Test
    void turns_line_breaks_and_tabs_into_single_spaces() {
        assertThat(Names.clean("Ada\r\n\tLovelace")).isEqualTo("Ada Lovelace");
    }

    @Test
    void strips_invisible_formatting_characters() {
        assertThat(Names.clean("\u202eAda\u200b Lovelace")).isEqualTo("Ada Lovelace");
    }

    @Test
    void keeps_letters_of_every_script() {
        assertThat(Names.clean("  Zoë Ωmega 李雷  ")).isEqualTo("Zoë Ωmega 李雷");
    }

    @Test
    void a_name_with_nothing_left_is_no_name() {
        assertThat(Names.clean(" \u0000\t ")).isNull();
        assertThat(Names.clean(null)).isNull();
    }

    @Test
    void caps_the_length_at_100_characters() {
        assertThat(Names.clean("x".repeat(150))).hasSize(100);
    }

    @Test
    void names_with_web_or_email_addresses_are_refused_and_ordinary_names_are_not() {
        assertThat(Names.problem("WIN a $500 gift card, claim at evil.example/claim")).contains("web addresses");
        assertThat(Names.problem("see https://evil.example")).contains("web addresses");
        assertThat(Names.problem("www.evil.example")).contains("web addresses");
        assertThat(Names.problem("write to prizes@evil.example")).contains("e-mail addresses");
        assertThat(Names.problem("Ada Lovelace")).isNull();
        assertThat(Names.problem("J. R. R. Tolkien")).isNull();
        assertThat(Names.problem("Zoë Ωmega 李雷")).isNull();
        assertThat(Names.problem(null)).isNull();
    }
}
