package org.paperdigest.mail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.paperdigest.config.SmtpConfig;

/**
 * A client SMTP session (RFC 5321) for sending many prepared messages in a row: EHLO, STARTTLS or
 * implicit TLS with the server's name checked, AUTH PLAIN or LOGIN, and for each message MAIL,
 * RCPT and DATA — pipelined in one write when the server offers PIPELINING (RFC 2920) — then the
 * message bytes, dot-stuffed, in as few writes as the buffer allows.
 *
 * <p>It replaces Jakarta Mail's transport on the sending path because that transport costs two
 * to three times more CPU per message (a round trip per command, and a write per line of the
 * body); Jakarta Mail still reads mailboxes and parses messages elsewhere. Measured in the README's
 * Performance section.
 */
final class SmtpSession implements AutoCloseable {
    private static final byte[] CRLF = {'\r', '\n'};
    /** Closes sockets whose writes hang (a peer that stopped reading): blocking writes have no timeout of their own. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-write-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final SmtpConfig config;
    private final String helo;
    private final SSLSocketFactory tlsFactory;
    private Socket socket;
    /** The TCP socket under any TLS: closing it always unblocks a stuck write, where closing the TLS socket may wait for the writer's lock. */
    private Socket raw;
    private InputStream in;
    private OutputStream out;
    private final Set<String> extensions = new HashSet<>();
    private final Set<String> authMechanisms = new HashSet<>();
    /** The last reply read, so a failure that follows a refusal can still report the refusal. */
    private SmtpReply lastReply;

    private SmtpSession(SmtpConfig config, String helo, SSLSocketFactory tlsFactory) {
        this.config = config;
        this.helo = helo;
        this.tlsFactory = tlsFactory;
    }

    /** A reply that ends the session before any message: the greeting, EHLO or STARTTLS was refused. */
    static final class Refused extends IOException {
        final SmtpReply reply;
        final String what;

        Refused(String what, SmtpReply reply) {
            super(what + ": " + reply);
            this.reply = reply;
            this.what = what;
        }

        /** A temporary refusal before anything else: the server is up but takes no more connections now. */
        boolean busyAtGreeting() {
            return what.equals("greeting") && reply.code() >= 400 && reply.code() < 500;
        }
    }

    /** The settings cannot work with this server (security mode, certificate): fix SMTP_* rather than wait. */
    static final class Misconfigured extends IOException {
        Misconfigured(String message) {
            super(message);
        }

        Misconfigured(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The server turned down our login. */
    static final class LoginRefused extends IOException {
        LoginRefused(String message) {
            super(message);
        }
    }

    /** Connects, greets, secures (trusting what {@code tlsFactory} trusts) and logs in as SMTP_* says. */
    static SmtpSession open(SmtpConfig config, String helo, SSLSocketFactory tlsFactory) throws IOException {
        SmtpSession s = new SmtpSession(config, helo, tlsFactory);
        try {
            s.connect();
            return s;
        } catch (IOException | RuntimeException e) {
            s.closeQuietly();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket plain = new Socket();
        raw = plain;
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(config.host(), config.port()), (int) config.connectTimeout().toMillis());
        plain.setSoTimeout((int) config.readTimeout().toMillis());
        socket = config.security() == SmtpConfig.Security.TLS ? tls(plain) : plain;
        streams();
        SmtpReply greeting = read();
        if (greeting.code() != 220) {
            throw new Refused("greeting", greeting);
        }
        ehlo();
        if (config.security() == SmtpConfig.Security.STARTTLS) {
            if (!extensions.contains("STARTTLS")) {
                throw new Misconfigured("the server does not offer STARTTLS, which SMTP_SECURITY=starttls requires"
                        + " (use SMTP_SECURITY=tls for a port that speaks TLS from the start, such as 465)");
            }
            SmtpReply r = command("STARTTLS");
            if (r.code() != 220) {
                throw new Refused("STARTTLS", r);
            }
            socket = tls(socket);
            streams();
            ehlo();
        }
        if (config.authenticates()) {
            login();
        }
    }

    private SSLSocket tls(Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) tlsFactory.createSocket(plain, config.host(), config.port(), true);
        SSLParameters p = s.getSSLParameters();
        // The certificate must name the server we meant to reach (RFC 6125), as for HTTPS.
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        try {
            s.startHandshake();
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new Misconfigured("the TLS handshake with " + config.host() + " failed: " + e.getMessage()
                    + " (is the certificate valid for this host name? does the port speak TLS as SMTP_SECURITY says?)", e);
        }
        return s;
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    private void ehlo() throws IOException {
        extensions.clear();
        // What a server offered before STARTTLS must be forgotten (RFC 3207 section 4.2).
        authMechanisms.clear();
        SmtpReply r = command("EHLO " + helo);
        if (r.code() != 250) {
            r = command("HELO " + helo);
            if (r.code() != 250) {
                throw new Refused("HELO", r);
            }
            return;
        }
        String[] lines = r.text().split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip().toUpperCase(Locale.ROOT);
            String keyword = line.split("[ =]", 2)[0];
            extensions.add(keyword);
            if (keyword.equals("AUTH")) {
                authMechanisms.addAll(java.util.List.of(line.substring(4).replace('=', ' ').trim().split("\\s+")));
            }
        }
    }

    private void login() throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        String user = config.username();
        String password = config.password() == null ? "" : config.password();
        SmtpReply r;
        if (authMechanisms.contains("PLAIN")) {
            String token = b64.encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            r = command("AUTH PLAIN " + token);
        } else if (authMechanisms.contains("LOGIN")) {
            r = command("AUTH LOGIN");
            if (r.code() == 334) {
                r = command(b64.encodeToString(user.getBytes(StandardCharsets.UTF_8)));
            }
            if (r.code() == 334) {
                r = command(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)));
            }
        } else {
            throw new LoginRefused("the server offers no login method paper-digest supports (it offers "
                    + (authMechanisms.isEmpty() ? "none" : String.join(" ", authMechanisms)) + "; PLAIN or LOGIN needed)");
        }
        if (r.code() != 235) {
            throw new LoginRefused(r.toString());
        }
    }

    /** Whether MAIL, RCPT and DATA go out in one write. */
    boolean pipelining() {
        return extensions.contains("PIPELINING");
    }

    /**
     * Sends one message. Returns the server's last reply: 250 when accepted, otherwise the first
     * refusal (of MAIL, RCPT, DATA or the message). Throws IOException when the connection fails.
     *
     * <p>{@code beforeContent} runs once the server has taken the envelope and DATA, just before the
     * message itself goes out, and only then: whatever must be true before a message can be
     * delivered (the previous one recorded) is waited for while the envelope makes its round trip.
     * If it throws, the connection is cut with the message unsent (a server drops a transaction
     * whose data never ended), and the exception is passed on.
     */
    SmtpReply send(String envelopeFrom, String recipient, WireMessage wire, Runnable beforeContent) throws IOException {
        String mail = "MAIL FROM:<" + envelopeFrom + ">";
        String rcpt = "RCPT TO:<" + recipient + ">";
        SmtpReply mailReply;
        SmtpReply rcptReply;
        SmtpReply dataReply;
        if (pipelining()) {
            write(mail);
            write(rcpt);
            write("DATA");
            out.flush();
            mailReply = read().at(SmtpReply.Stage.MAIL);
            if (mailReply.code() == 421) {
                return mailReply; // the server is closing: no more replies will come
            }
            rcptReply = read().at(SmtpReply.Stage.RCPT);
            if (rcptReply.code() == 421) {
                return rcptReply;
            }
            dataReply = read().at(SmtpReply.Stage.DATA);
        } else {
            mailReply = command(mail).at(SmtpReply.Stage.MAIL);
            if (!mailReply.positive()) {
                resetUnlessClosing(mailReply);
                return mailReply;
            }
            rcptReply = command(rcpt).at(SmtpReply.Stage.RCPT);
            if (!rcptReply.positive()) {
                resetUnlessClosing(rcptReply);
                return rcptReply;
            }
            dataReply = command("DATA").at(SmtpReply.Stage.DATA);
        }
        SmtpReply refused = !mailReply.positive() ? mailReply : !rcptReply.positive() ? rcptReply : null;
        if (dataReply.code() != 354) {
            reset();
            return refused != null ? refused : dataReply;
        }
        if (refused != null) {
            // The server took DATA although the envelope failed: end it empty, and start over.
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            read();
            reset();
            return refused;
        }
        try {
            beforeContent.run();
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        ScheduledFuture<?> guard = WATCHDOG.schedule(this::closeRaw, config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            wire.writeDotStuffed(out);
            if (!wire.endsWithLineEnd()) {
                out.write(CRLF);
            }
            out.write('.');
            out.write(CRLF);
            out.flush();
        } finally {
            guard.cancel(false);
        }
        return read().at(SmtpReply.Stage.MESSAGE);
    }

    /** RSET after a refusal, unless the server said it is closing the connection (421). */
    private void resetUnlessClosing(SmtpReply refusal) throws IOException {
        if (refusal.code() != 421) {
            reset();
        }
    }

    /**
     * The reply the server sent before the connection failed, if one is waiting unread (a server
     * that answers "421 … too many messages" and closes, before the client's next write fails).
     */
    SmtpReply lastWords() {
        try {
            if (in != null && in.available() > 0) {
                return read();
            }
        } catch (IOException ignored) {
            // nothing readable: the connection is gone without a word
        }
        return lastReply != null && lastReply.code() == 421 ? lastReply : null;
    }

    /** RSET after a refusal, so the next message starts with a clean envelope. */
    private void reset() throws IOException {
        command("RSET");
    }

    private SmtpReply command(String line) throws IOException {
        write(line);
        out.flush();
        return read();
    }

    private void write(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }

    /** Reads one reply, joining the lines of a multi-line one with \n. */
    private SmtpReply read() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(ch -> ch >= '0' && ch <= '9')
                    || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new IOException("malformed SMTP reply: " + (line.length() > 80 ? line.substring(0, 80) + "…" : line));
            }
            int code = Integer.parseInt(line.substring(0, 3));
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                lastReply = new SmtpReply(code, text.toString());
                return lastReply;
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder b = new StringBuilder(80);
        while (true) {
            int c;
            try {
                c = in.read();
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no answer from the SMTP server within " + config.readTimeout().toSeconds()
                        + " s (SMTP_TIMEOUT)");
            }
            if (c == -1) {
                throw new IOException("the SMTP server closed the connection");
            }
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            b.append((char) c);
        }
    }

    /** Says goodbye without waiting for the answer, and closes; a connection that no longer writes is just cut. */
    @Override
    public void close() {
        if (out != null && raw != null && !raw.isClosed()) {
            ScheduledFuture<?> guard = WATCHDOG.schedule(this::closeRaw, 2, TimeUnit.SECONDS);
            try {
                write("QUIT");
                out.flush();
            } catch (IOException ignored) {
                // the connection is going away anyway
            } finally {
                guard.cancel(false);
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        closeSilently(socket);
        closeRaw();
    }

    private void closeRaw() {
        closeSilently(raw);
    }

    private static void closeSilently(Socket s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // nothing more to do: the connection is being dropped
        }
    }
}
