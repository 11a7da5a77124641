package org.paperdigest.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.paperdigest.subscribers.Bounce;

class BounceParserTest {
    private static final BounceFixtures.Delivery ADA = new BounceFixtures.Delivery("bounces+1.7.0123456789@example.org",
            "ada@example.net", "<digest.1.7.abcd1234@example.org>", 1);

    private final BounceParser parser = new BounceParser();

    @Test
    void postfix_delivery_status_report_is_a_hard_bounce() {
        BounceReport r = bounce(BounceFixtures.POSTFIX_USER_UNKNOWN);

        assertThat(r.kind()).isEqualTo(Bounce.Kind.HARD);
        assertThat(r.status()).isEqualTo("5.1.1");
        assertThat(r.recipient()).isEqualTo("ada@example.net");
        assertThat(r.diagnostic()).startsWith("550 5.1.1 <ada@example.net>: Recipient address rejected").contains("User unknown");
        assertThat(r.originalMessageId()).isEqualTo(ADA.messageId());
        assertThat(r.source()).isEqualTo("dsn");
        assertThat(r.reportId()).isEqualTo("<20261123090004.4Xy1Zq2Kp9z9sT3-1@mail.example.org>");
    }

    @Test
    void gmail_report_is_a_hard_bounce() {
        BounceReport r = bounce(BounceFixtures.GMAIL_ADDRESS_NOT_FOUND);

        assertThat(r.kind()).isEqualTo(Bounce.Kind.HARD);
        assertThat(r.status()).isEqualTo("5.1.1");
        assertThat(r.recipient()).isEqualTo("ada@example.net");
        assertThat(r.diagnostic()).contains("does not exist");
        assertThat(r.originalMessageId()).isEqualTo(ADA.messageId());
    }

    @Test
    void outlook_report_is_a_hard_bounce() {
        BounceReport r = bounce(BounceFixtures.OUTLOOK_RECIPIENT_NOT_FOUND);

        assertThat(r.kind()).isEqualTo(Bounce.Kind.HARD);
        assertThat(r.status()).isEqualTo("5.1.10");
        assertThat(r.recipient()).isEqualTo("ada@example.net");
        assertThat(r.diagnostic()).contains("RecipientNotFound");
    }

    @Test
    void exim_plain_text_bounce_is_read_for_its_smtp_reply() {
        BounceReport r = bounce(BounceFixtures.EXIM_PERMANENT);

        assertThat(r.kind()).isEqualTo(Bounce.Kind.HARD);
        assertThat(r.status()).isEqualTo("5.1.1");
        assertThat(r.recipient()).isEqualTo("ada@example.net");
        assertThat(r.diagnostic()).isEqualTo("550 5.1.1 <ada@example.net>: Recipient address rejected: User unknown");
        assertThat(r.originalMessageId()).isEqualTo(ADA.messageId());
        assertThat(r.source()).isEqualTo("text");
    }

    @Test
    void qmail_plain_text_bounce_is_read_for_its_smtp_reply() {
        BounceReport r = bounce(BounceFixtures.QMAIL_WITHOUT_VERP);

        assertThat(r.kind()).isEqualTo(Bounce.Kind.HARD);
        assertThat(r.status()).isEqualTo("5.1.1");
        assertThat(r.recipient()).isEqualTo("ada@example.net");
        assertThat(r.diagnostic()).startsWith("Remote host said: 550 5.1.1");
        assertThat(r.originalMessageId()).isEqualTo(ADA.messageId());
    }

    @Test
    void a_full_mailbox_is_a_soft_bounce() {
        BounceReport r = bounce(BounceFixtures.POSTFIX_MAILBOX_FULL);

        assertThat(r.kind()).isEqualTo(Bounce.Kind.SOFT);
        assertThat(r.status()).isEqualTo("4.2.2");
        assertThat(r.diagnostic()).isEqualTo("452 4.2.2 Mailbox full");
    }

    @Test
    void a_delay_warning_is_not_a_bounce() {
        assertThat(parser.parse(BounceFixtures.load(BounceFixtures.POSTFIX_DELAYED, ADA)))
                .isEqualTo(new BounceParser.NotBounce("a delivery-status report with no failed recipient (action: delayed)"));
    }

    @Test
    void an_out_of_office_reply_is_not_a_bounce() {
        assertThat(parser.parse(BounceFixtures.load(BounceFixtures.VACATION, ADA)))
                .isEqualTo(new BounceParser.NotBounce("an automatic reply (Auto-Submitted: auto-replied)"));
    }

    @Test
    void a_message_that_is_not_mail_is_not_a_bounce() {
        assertThat(parser.parse("garbage without headers".getBytes())).isInstanceOf(BounceParser.NotBounce.class);
    }

    private BounceReport bounce(String fixture) {
        BounceParser.Parsed p = parser.parse(BounceFixtures.load(fixture, ADA));
        assertThat(p).as(fixture).isInstanceOf(BounceParser.IsBounce.class);
        return ((BounceParser.IsBounce) p).report();
    }
}
