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
}
