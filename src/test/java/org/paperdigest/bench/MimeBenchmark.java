package org.paperdigest.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.paperdigest.mail.Letter;
import org.paperdigest.mail.MimeBuilder;
import org.paperdigest.render.RenderedEmail;

/**
 * Building the bytes of one rendered digest: paper-digest's writer against the usual Jakarta Mail
 * way (MimeMultipart of two MimeBodyParts, setText, writeTo), which is what it replaced.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class MimeBenchmark {
    private final Session session = Session.getInstance(new Properties());
    private MimeBuilder builder;
    private final Letter[] letters = new Letter[64];
    private int next;

    /** Sixty-four readers' letters, sent in turn as a send would: names, addresses, links and picks differ. */
    @Setup
    public void setUp() {
        DigestFixture fixture = new DigestFixture();
        for (int i = 0; i < letters.length; i++) {
            RenderedEmail email = fixture.composer.render(7, DigestFixture.ISSUE_DATE, DigestFixture.reader(i),
                    DigestFixture.PICKS.get(i % DigestFixture.PICKS.size()));
            letters[i] = fixture.composer.letter(7, Instant.now(), DigestFixture.reader(i), email);
        }
        builder = new MimeBuilder();
    }

    private Letter nextLetter() {
        return letters[next++ & (letters.length - 1)];
    }

    @Benchmark
    public byte[] paper_digest_writer() {
        return builder.toBytes(nextLetter());
    }

    @Benchmark
    public byte[] jakarta_mail_mime_message() throws MessagingException, IOException {
        Letter letter = nextLetter();
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(letter.from()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(letter.to()));
        m.setSubject(letter.subject(), "UTF-8");
        m.setSentDate(Date.from(letter.date()));
        m.setHeader("List-Id", letter.listId());
        m.setHeader("List-Unsubscribe", "<" + letter.listUnsubscribeUrl() + ">, <" + letter.listUnsubscribeMailto() + ">");
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(letter.text(), "UTF-8", "plain");
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(letter.html(), "UTF-8", "html");
        html.setHeader("Content-Transfer-Encoding", "quoted-printable");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream(40_000);
        m.writeTo(out);
        return out.toByteArray();
    }
}
