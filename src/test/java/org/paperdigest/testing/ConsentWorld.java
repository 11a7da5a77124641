package org.paperdigest.testing;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperdigest.App;
import org.paperdigest.membership.AddressLimit;
import org.paperdigest.membership.Channel;
import org.paperdigest.membership.Membership;
import org.paperdigest.subscribers.EmailAddress;
import org.paperdigest.subscribers.ImportReport;
import org.paperdigest.subscribers.LinkSigner.Purpose;
import org.paperdigest.subscribers.Subscriber;

/**
 * One installation for consent tests: an App on SQLite or PostgreSQL with a hand-moved clock,
 * its mail going to a GreenMail SMTP server, and the moves a reader, a stranger and the operator
 * make, each through the same code the web routes, email commands and CLI call.
 */
public final class ConsentWorld implements AutoCloseable {
    private static final Pattern CONFIRM_TOKEN = Pattern.compile("\\[confirm ([^\\]\\s]+)\\]");

    public final App app;
    public final TestClock clock;
    public final TestEnv env;
    private final GreenMailOperations mail;

    private ConsentWorld(TestEnv env, GreenMailOperations mail) {
        this.env = env;
        this.mail = mail;
        this.clock = TestClock.at("2026-07-01T10:00:00Z");
        this.app = new App(env.config(), clock);
    }

    /** A world on {@code database} ("sqlite" or "postgresql") in {@code dir}, mailing through {@code mail}. */
    public static ConsentWorld on(String database, Path dir, GreenMailOperations mail) {
        TestEnv env = database.equals("postgresql") ? TestEnv.postgresIn(dir) : TestEnv.sqliteIn(dir);
        return new ConsentWorld(env.smtpPort(mail.getSmtp().getPort()), mail);
    }

    /**
     * Posts the subscribe form for {@code email} (after the per-address mail window has passed) and
     * returns the token of the confirmation mail it caused, if one went out.
     */
    public Optional<String> formRequest(String email, String name, List<String> topics) {
        clock.advance(AddressLimit.WINDOW.plusSeconds(1));
        Membership.Requested r = app.membership().request(Membership.Request.fromWeb(EmailAddress.parse(email), name, topics));
        return r == Membership.Requested.CONFIRMATION_SENT ? Optional.of(latestConfirmToken(email)) : Optional.empty();
    }

    /** Sends "subscribe" by email from {@code email}; returns the token of the confirmation mail, if one went out. */
    public Optional<String> emailRequest(String email) {
        clock.advance(AddressLimit.WINDOW.plusSeconds(1));
        Membership.Requested r = app.membership().request(Membership.Request.fromEmail(EmailAddress.parse(email), null));
        return r == Membership.Requested.CONFIRMATION_SENT ? Optional.of(latestConfirmToken(email)) : Optional.empty();
    }

    /** Presses the button of a confirmation page (POST /confirm). */
    public Membership.Confirmed confirm(String token) {
        clock.advance(Duration.ofMinutes(1));
        return app.membership().confirm(token, Channel.WEB);
    }

    /** The one-click unsubscribe of a digest (POST /unsubscribe with the reader's signed token). */
    public void oneClickUnsubscribe(String email) {
        clock.advance(Duration.ofMinutes(1));
        find(email).ifPresent(s -> app.membership().holderEvenIfExpired(Purpose.UNSUBSCRIBE, unsubscribeToken(s.id()))
                .ifPresent(app.membership()::unsubscribe));
    }

    /** A mail to the request address with the List-Unsubscribe mailto's subject (signed token). */
    public void emailUnsubscribeWithToken(String email) {
        clock.advance(Duration.ofMinutes(1));
        find(email).ifPresent(s -> app.membership().unsubscribeByToken(unsubscribeToken(s.id()), EmailAddress.parse(email), null,
                false));
    }

    /** A bare "unsubscribe" mail claiming to come from {@code email}. */
    public void emailUnsubscribeBare(String email) {
        clock.advance(Duration.ofMinutes(1));
        app.membership().askToConfirmLeaving(EmailAddress.parse(email), null);
    }

    public String unsubscribeToken(long id) {
        return app.signer().sign(Purpose.UNSUBSCRIBE, id);
    }

    /** Imports CSV text as {@code subscribers import} does. */
    public ImportReport importCsv(String csv) {
        clock.advance(Duration.ofMinutes(1));
        return app.subscriberCsv().importFrom(new StringReader(csv), "list.csv");
    }

    /** Exports as {@code subscribers export} does. */
    public String exportCsv() {
        StringWriter out = new StringWriter();
        app.subscriberCsv().exportTo(out);
        return out.toString();
    }

    public Optional<Subscriber> find(String email) {
        return app.subscribers().find(EmailAddress.parse(email));
    }

    public Subscriber reader(String email) {
        return find(email).orElseThrow(() -> new AssertionError(email + " is not on the list"));
    }

    /** Every message the SMTP server got for {@code email}. */
    public List<MimeMessage> mailTo(String email) {
        return Mails.to(mail.getReceivedMessages(), email);
    }

    private String latestConfirmToken(String email) {
        List<MimeMessage> to = mailTo(email);
        List<String> tokens = new ArrayList<>();
        for (MimeMessage m : to) {
            Matcher t = CONFIRM_TOKEN.matcher(Mails.subject(m));
            if (t.find()) {
                tokens.add(t.group(1));
            }
        }
        if (tokens.isEmpty()) {
            throw new AssertionError("no confirmation mail reached " + email);
        }
        return tokens.get(tokens.size() - 1);
    }

    @Override
    public void close() {
        app.close();
    }
}
