package bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.MailerRegularBuilder;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;

/**
 * Simple Java Mail with its batch module: async sends on a thread pool of C,
 * through its SMTP connection pool of C reused connections.
 */
final class SjmPeer {
    private final Args a;
    private final Content content;

    SjmPeer(Args a, Content content) {
        this.a = a;
        this.content = content;
    }

    Email build(int i) {
        Content.Personal pp = content.personal(i);
        return EmailBuilder.startingBlank()
                .from(Content.FROM_NAME, Content.FROM)
                .to(pp.name, pp.email)
                .withSubject(Content.SUBJECT)
                .withPlainText(pp.text)
                .withHTMLText(pp.html)
                .withHeader("List-Id", Content.LIST_ID)
                .withHeader("List-Unsubscribe", pp.listUnsubscribe)
                .withHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .buildEmail();
    }

    Mailer mailer() {
        MailerRegularBuilder<?> b = MailerBuilder.withSMTPServer(a.host, a.port)
                .withTransportStrategy(TransportStrategy.SMTP)
                .withSessionTimeout(60_000)
                .withThreadPoolSize(a.c)
                .withConnectionPoolCoreSize(a.c)
                .withConnectionPoolMaxSize(a.c);
        if (a.nodelay) {
            // Not withProperty("mail.smtp.socketFactory", instance): Simple Java Mail stores
            // every property value as value.toString(), so Angus would get a String and
            // silently ignore it (measured: ~21 msgs/s per connection, the Nagle stall).
            // The class-name property survives; Angus calls NoDelaySocketFactory.getDefault().
            b = b.withProperty("mail.smtp.socketFactory.class", NoDelaySocketFactory.class.getName());
        }
        return b.buildMailer();
    }

    Result run() throws Exception {
        Mailer mailer = mailer();
        int window = 2 * a.c;
        Semaphore inFlight = new Semaphore(window);
        AtomicInteger sent = new AtomicInteger();
        List<String> errors = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < a.n; i++) {
            inFlight.acquire();
            Email e = build(i);
            mailer.sendMail(e, true).whenComplete((v, ex) -> {
                if (ex == null) {
                    sent.incrementAndGet();
                } else {
                    synchronized (errors) {
                        if (errors.size() < 5) errors.add(ex.toString());
                    }
                }
                inFlight.release();
            });
        }
        inFlight.acquire(window);
        double seconds = (System.nanoTime() - t0) / 1e9;
        mailer.shutdownConnectionPool().get(30, TimeUnit.SECONDS);
        return new Result(sent.get(), a.n - sent.get(), seconds, errors);
    }
}
