package org.paperdigest.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BounceClassifierTest {
    private final BounceClassifier classifier = new BounceClassifier();

    @Test
    void a_refusal_while_sending_is_judged_by_the_same_rules() {
        assertThat(classifier.refusal("5.1.1", "550 5.1.1 <ada@example.net>: Recipient address rejected: User unknown"))
                .isEqualTo(ReportKind.HARD);
        assertThat(classifier.refusal("5.2.2", "552 5.2.2 <ada@example.net>: Mailbox full")).isEqualTo(ReportKind.SOFT);
        assertThat(classifier.refusal(null, "550 No such user here")).isEqualTo(ReportKind.HARD);
        assertThat(classifier.refusal("5.7.1", "554 5.7.1 Service unavailable; client host blocked")).isEqualTo(ReportKind.SOFT);
        assertThat(classifier.refusal(null, "550 Requested action not taken")).isEqualTo(ReportKind.SOFT);
    }

    @Test
    void the_reply_code_is_never_an_ip_a_version_or_a_phone_number() {
        assertThat(SmtpReplies.first("host mx.example.net[4.150.12.7] said: 550 mailbox unavailable")).get()
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo("550");
                    assertThat(r.status()).isNull();
                });
        assertThat(SmtpReplies.first("Mailman 2.0.12 on lists.example.org")).isEmpty();
        assertThat(SmtpReplies.first("call +1 555-010-4477 or 555 010 4478")).isEmpty();
        assertThat(SmtpReplies.first("host mx[5.1.1.20] said: 452 4.2.2 Over quota")).get()
                .satisfies(r -> assertThat(r.status()).isEqualTo("4.2.2"));
        assertThat(SmtpReplies.first("said: 550 4.2.2 mixed classes")).get().satisfies(r -> assertThat(r.status()).isNull());
    }

    @Test
    void a_multi_line_reply_is_kept_whole() {
        assertThat(SmtpReplies.first("""
                The response was:
                550-5.1.1 The email account that you tried to reach does not exist.
                550 5.1.1 Please check the address.
                """)).get().satisfies(r -> {
                    assertThat(r.status()).isEqualTo("5.1.1");
                    assertThat(r.line()).isEqualTo("550-5.1.1 The email account that you tried to reach does not exist."
                            + " 550 5.1.1 Please check the address.");
                });
    }

    @Test
    void an_unreadable_message_is_unrecognised_not_an_error() {
        Classification c = classifier.classify("no headers at all, just words".getBytes(StandardCharsets.US_ASCII));

        assertThat(c.kind()).isEqualTo(ReportKind.UNRECOGNISED);
        assertThat(c.reportId()).isNotNull();
    }
}
