package org.paperdigest.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperdigest.mail.Received;

class CommandReaderTest {
    private static final String TOKEN = "12.tm4eg0._TIenH8uE_pVLhWgRADtjQ";
    private final CommandReader reader = new CommandReader(Set.of("Digest@Example.org"));

    private static Received mail(String from, String subject, String text) {
        return new Received("<1@reader.example>", from, subject, Map.of(), text);
    }

    private static Received mailWithHeader(String name, String value) {
        return new Received("<1@reader.example>", "ada@example.org", "subscribe", Map.of(name.toLowerCase(), List.of(value)), "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"subscribe", "SUBSCRIBE", " Subscribe. ", "Re: subscribe", "AW: Fwd: subscribe", "Re[2]: subscribe"})
    void reads_subscribe_in_the_subject(String subject) {
        assertThat(reader.read(mail("ada@example.org", subject, ""))).isEqualTo(new Command.Subscribe());
    }

    @Test
    void a_subject_that_only_mentions_a_command_is_not_one() {
        assertThat(reader.read(mail("ada@example.org", "please subscribe me to something", ""))).isEqualTo(new Command.Help());
    }

    @Test
    void finds_the_token_in_a_folded_reply_subject() {
        Command c = reader.read(mail("ada@example.org", "Re: Confirm your subscription to Paper Digest  [confirm " + TOKEN + "]", ""));

        assertThat(c).isEqualTo(new Command.Confirm(TOKEN));
    }

    @Test
    void a_first_body_line_command_wins_over_a_quoted_token() {
        Command c = reader.read(mail("ada@example.org", "Re: your mail", "unsubscribe\n\n> https://x.example/confirm?token=" + TOKEN));

        assertThat(c).isEqualTo(new Command.Unsubscribe(null));
    }

    @Test
    void ignores_our_own_address_in_any_case() {
        assertThat(reader.read(mail("digest@example.ORG", "help", ""))).isInstanceOf(Command.Ignore.class);
    }

    @Test
    void a_header_saying_auto_submitted_no_is_not_a_robot() {
        assertThat(reader.read(mailWithHeader("Auto-Submitted", "no"))).isEqualTo(new Command.Subscribe());
        assertThat(reader.read(mailWithHeader("Auto-Submitted", "auto-notified"))).isInstanceOf(Command.Ignore.class);
        assertThat(reader.read(mailWithHeader("Return-Path", "< >"))).isInstanceOf(Command.Ignore.class);
    }

    @Test
    void no_sender_is_ignored() {
        assertThat(reader.read(mail("", "subscribe", ""))).isInstanceOf(Command.Ignore.class);
    }

    @Test
    void the_list_unsubscribe_mailto_subject_and_a_reply_to_the_leave_mail_carry_the_signed_token() {
        assertThat(reader.read(mail("ada@example.org", "unsubscribe " + TOKEN, ""))).isEqualTo(new Command.Unsubscribe(TOKEN));
        assertThat(reader.read(mail("ada@example.org", "Re: Confirm you want to leave Paper Digest [unsubscribe " + TOKEN + "]", "")))
                .isEqualTo(new Command.Unsubscribe(TOKEN));
        assertThat(reader.read(mail("ada@example.org", "Unsubscribe", ""))).isEqualTo(new Command.Unsubscribe(null));
    }
}
