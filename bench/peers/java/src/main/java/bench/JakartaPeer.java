package bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** Plain Jakarta Mail (Angus): C threads, each with its own connected Transport. */
final class JakartaPeer {
    private final Args a;
    private final Content content;
    private final Session session;
    private final InternetAddress from;

    JakartaPeer(Args a, Content content) throws UnsupportedEncodingException {
        this.a = a;
        this.content = content;
        this.session = Session.getInstance(sessionProperties(a));
        this.from = new InternetAddress(Content.FROM, Content.FROM_NAME, "UTF-8");
    }

    static Properties sessionProperties(Args a) {
        Properties p = new Properties();
        p.put("mail.smtp.host", a.host);
        p.put("mail.smtp.port", String.valueOf(a.port));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "60000");
        // Used for the Message-ID's domain part; avoids a local host name lookup per message.
        p.put("mail.from", Content.FROM);
        if (a.nodelay) {
            p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        }
        return p;
    }

    MimeMessage build(int i) throws MessagingException, UnsupportedEncodingException {
        Content.Personal pp = content.personal(i);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(pp.email, pp.name, "UTF-8"));
        m.setSubject(Content.SUBJECT, "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("List-Id", Content.LIST_ID);
        m.setHeader("List-Unsubscribe", pp.listUnsubscribe);
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(pp.text, "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(pp.html, "UTF-8", "html");
        MimeMultipart alt = new MimeMultipart("alternative");
        alt.addBodyPart(text);
        alt.addBodyPart(html);
        m.setContent(alt);
        m.saveChanges();
        return m;
    }

    Result run() throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> errors = new ArrayList<>();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < a.c; t++) {
            Thread th = new Thread(() -> {
                Transport tr = null;
                try {
                    tr = session.getTransport("smtp");
                    tr.connect();
                    int i;
                    while ((i = next.getAndIncrement()) < a.n) {
                        try {
                            if (!tr.isConnected()) {
                                tr.connect();
                            }
                            MimeMessage m = build(i);
                            tr.sendMessage(m, m.getAllRecipients());
                            sent.incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            synchronized (errors) {
                                if (errors.size() < 5) errors.add(e.toString());
                            }
                        }
                    }
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add("connect: " + e);
                    }
                } finally {
                    if (tr != null) {
                        try {
                            tr.close();
                        } catch (MessagingException ignored) {
                            // closing after the run
                        }
                    }
                }
            }, "sender-" + t);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) th.join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(sent.get(), a.n - sent.get(), seconds, errors);
    }
}
