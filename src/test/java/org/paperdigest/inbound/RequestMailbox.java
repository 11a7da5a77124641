package org.paperdigest.inbound;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.util.Properties;
import org.paperdigest.testing.TestEnv;

/**
 * The request mailbox in GreenMail (IMAP login "requests"), and messages as readers' mail programs
 * would send them to it.
 */
final class RequestMailbox {
    static final String ADDRESS = "requests@example.org";

    private final GreenMailUser user;
    private final Session session = Session.getInstance(new Properties());

    private RequestMailbox(GreenMailUser user) {
        this.user = user;
    }

    static RequestMailbox in(GreenMailExtension greenMail) {
        return new RequestMailbox(greenMail.setUser(ADDRESS, "requests", "secret"));
    }

    /** Test configuration that reads this mailbox over plain IMAP and sends over GreenMail's SMTP. */
    static TestEnv env(Path dir, GreenMailExtension greenMail) {
        return TestEnv.sqliteIn(dir)
                .smtpPort(greenMail.getSmtp().getPort())
                .set("IMAP_HOST", "127.0.0.1")
                .set("IMAP_PORT", String.valueOf(greenMail.getImap().getPort()))
                .set("IMAP_SECURITY", "none")
                .set("IMAP_USERNAME", "requests")
                .set("IMAP_PASSWORD", "secret")
                .set("DIGEST_REQUEST_ADDRESS", ADDRESS);
    }

    /** A plain message from {@code from} to the request address. */
    MimeMessage message(String from, String subject, String body) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
        m.setSubject(subject, "UTF-8");
        m.setText(body, "UTF-8");
        m.saveChanges();
        m.setHeader("Message-ID", "<" + Math.abs(System.nanoTime()) + "@reader.example>");
        return m;
    }

    /** A delivery status notification (a bounce) from the reader's mail server, about a digest. */
    MimeMessage deliveryReport(String from) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
        m.setSubject("Delivery Status Notification (Failure)");
        MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
        MimeBodyPart human = new MimeBodyPart();
        human.setText("subscribe\nThe message could not be delivered.", "UTF-8");
        report.addBodyPart(human);
        MimeBodyPart status = new MimeBodyPart();
        // Raw bytes, as an MTA sends them: with Angus's DSN handlers on the classpath a String would not do.
        status.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                ("Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; ada@example.org\r\n"
                        + "Action: failed\r\nStatus: 5.1.1\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "message/delivery-status")));
        report.addBodyPart(status);
        m.setContent(report);
        m.saveChanges();
        return m;
    }

    void deliver(MimeMessage m) {
        user.deliver(m);
    }

    void send(String from, String subject, String body) throws Exception {
        deliver(message(from, subject, body));
    }
}
