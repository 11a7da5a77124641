package org.paperdigest.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server for tests that misbehaves on purpose: replies 421/451/550 to chosen
 * recipients, drops the connection in the middle of DATA, stalls past the client's timeout, or
 * refuses connections altogether ("down"). It counts the messages it accepted per recipient.
 */
public final class FaultySmtpServer implements AutoCloseable {
    /** What to do to one recipient, for a number of times (then behave). */
    public enum Fault { RCPT_451, RCPT_550, RCPT_552, RCPT_421, DATA_451, DATA_554, DROP_MID_DATA, STALL_AFTER_DATA }

    private record Rule(Fault fault, AtomicInteger remaining) {}

    private final int port;
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<String, Runnable> hooks = new ConcurrentHashMap<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Duration stall = Duration.ofSeconds(5);
    private volatile Duration perMessage = Duration.ZERO;
    private volatile int maxSessions = Integer.MAX_VALUE;
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile int perSession = Integer.MAX_VALUE;
    private volatile String limitReply;
    private volatile boolean closeAtLimit;
    private final AtomicInteger limitReplies = new AtomicInteger();
    private volatile boolean pipelining = true;
    private volatile javax.net.ssl.SSLContext starttls;
    private volatile String senderRefusal;
    private volatile ServerSocket server;
    private volatile boolean closed;

    private FaultySmtpServer(int port) {
        this.port = port;
    }

    /** Starts on a free loopback port. */
    public static FaultySmtpServer start() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultySmtpServer f = new FaultySmtpServer(s.getLocalPort());
        f.listen(s);
        return f;
    }

    public int port() {
        return port;
    }

    /** Applies {@code fault} to the next {@code times} messages for {@code recipient} (Integer.MAX_VALUE = always). */
    public FaultySmtpServer fault(String recipient, Fault fault, int times) {
        rules.put(recipient.toLowerCase(Locale.ROOT), new Rule(fault, new AtomicInteger(times)));
        return this;
    }

    /** Whether EHLO offers PIPELINING (RFC 2920); on by default, as on most servers. */
    public FaultySmtpServer pipelining(boolean on) {
        this.pipelining = on;
        return this;
    }

    /** Answers every MAIL FROM with {@code reply} (e.g. "550 5.7.1 Sender address rejected"); null accepts again. */
    public FaultySmtpServer refuseSender(String reply) {
        this.senderRefusal = reply;
        return this;
    }

    /** Offers STARTTLS (RFC 3207) with this server-side TLS context. */
    public FaultySmtpServer starttls(javax.net.ssl.SSLContext tls) {
        this.starttls = tls;
        return this;
    }

    /**
     * Runs {@code action} once, when the next message for {@code recipient} has been received and
     * before the server answers 250: the moment a client has sent a message but not yet heard so.
     */
    public FaultySmtpServer whenAccepted(String recipient, Runnable action) {
        hooks.put(recipient.toLowerCase(Locale.ROOT), action);
        return this;
    }

    /** Greets a connection beyond {@code n} open at once with {@code 421 4.7.0 Too many connections}, and closes it. */
    public FaultySmtpServer maxConnections(int n) {
        this.maxSessions = n;
        return this;
    }

    /**
     * After {@code n} messages on one connection, answers the next RCPT with {@code reply} (such as
     * {@code 452 4.5.3 Too many recipients}) and keeps the connection open.
     */
    public FaultySmtpServer recipientsPerSession(int n, String reply) {
        this.perSession = n;
        this.limitReply = reply;
        this.closeAtLimit = false;
        return this;
    }

    /**
     * After {@code n} messages on one connection, answers the next MAIL with {@code reply} (such as
     * {@code 421 4.7.0 Too many messages}) and closes the connection.
     */
    public FaultySmtpServer messagesPerSession(int n, String reply) {
        this.perSession = n;
        this.limitReply = reply;
        this.closeAtLimit = true;
        return this;
    }

    /** How many times a limit was enforced: a connection refused at the greeting, or a per-session refusal. */
    public int limitReplies() {
        return limitReplies.get();
    }

    /** Waits this long before accepting each message, like a busy server (zero: answer at once). */
    public FaultySmtpServer slowly(Duration perMessage) {
        this.perMessage = perMessage;
        return this;
    }

    /** How long a STALL_AFTER_DATA waits before answering. */
    public FaultySmtpServer stallFor(Duration d) {
        this.stall = d;
        return this;
    }

    /** Messages accepted for {@code recipient}. */
    public int accepted(String recipient) {
        AtomicInteger n = accepted.get(recipient.toLowerCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    /** Messages accepted in all. */
    public int acceptedTotal() {
        return accepted.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public Map<String, Integer> acceptedByRecipient() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        accepted.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Connections opened so far. */
    public int connections() {
        return connections.get();
    }

    /** Stops listening and cuts every open connection: the server is down. */
    public synchronized void down() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket s : open) {
            s.close();
        }
    }

    /** Listens again on the same port. */
    public synchronized void up() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listen(s);
    }

    private void listen(ServerSocket s) {
        server = s;
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket c = s.accept();
                    connections.incrementAndGet();
                    open.add(c);
                    Thread h = new Thread(() -> serve(c), "faulty-smtp-session");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "faulty-smtp-accept");
        t.setDaemon(true);
        t.start();
    }

    private void serve(Socket plain) {
        Socket c = plain;
        int acceptedHere = 0;
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = c.getOutputStream();
            if (sessions.incrementAndGet() > maxSessions) {
                limitReplies.incrementAndGet();
                reply(out, "421 4.7.0 faulty.test Too many connections from your host, try again later");
                return;
            }
            reply(out, "220 faulty.test ESMTP");
            List<String> recipients = new ArrayList<>();
            boolean secured = false;
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.toUpperCase(Locale.ROOT);
                if (cmd.equals("STARTTLS") && starttls != null && !secured) {
                    reply(out, "220 2.0.0 Ready to start TLS");
                    javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) starttls.getSocketFactory()
                            .createSocket(c, null, c.getPort(), true);
                    tls.setUseClientMode(false);
                    tls.startHandshake();
                    c = tls;
                    open.add(c);
                    in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.ISO_8859_1));
                    out = c.getOutputStream();
                    secured = true;
                    continue;
                }
                if (cmd.startsWith("EHLO")) {
                    reply(out, "250-faulty.test\r\n" + (pipelining ? "250-PIPELINING\r\n" : "")
                            + (starttls != null && !secured ? "250-STARTTLS\r\n" : "") + "250-8BITMIME\r\n250 SIZE 10485760");
                } else if (cmd.startsWith("HELO")) {
                    reply(out, "250 faulty.test");
                } else if (cmd.startsWith("MAIL FROM")) {
                    recipients.clear();
                    if (closeAtLimit && acceptedHere >= perSession) {
                        limitReplies.incrementAndGet();
                        reply(out, limitReply);
                        return;
                    }
                    String refusal = senderRefusal;
                    if (refusal != null) {
                        reply(out, refusal);
                        continue;
                    }
                    reply(out, "250 2.1.0 OK");
                } else if (cmd.startsWith("RCPT TO")) {
                    String rcpt = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase(Locale.ROOT);
                    Fault f = take(rcpt, Fault.RCPT_451, Fault.RCPT_550, Fault.RCPT_552, Fault.RCPT_421);
                    if (!closeAtLimit && acceptedHere >= perSession) {
                        limitReplies.incrementAndGet();
                        reply(out, limitReply);
                    } else if (f == Fault.RCPT_451) {
                        reply(out, "451 4.7.1 Please try again later (greylisted)");
                    } else if (f == Fault.RCPT_550) {
                        reply(out, "550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown");
                    } else if (f == Fault.RCPT_552) {
                        reply(out, "552 5.2.2 <" + rcpt + ">: Mailbox full");
                    } else if (f == Fault.RCPT_421) {
                        reply(out, "421 4.3.2 Service shutting down, closing transmission channel");
                        return;
                    } else {
                        recipients.add(rcpt);
                        reply(out, "250 2.1.5 OK");
                    }
                } else if (cmd.equals("DATA")) {
                    if (recipients.isEmpty()) {
                        // As real servers do when every RCPT was refused (RFC 2920 section 3.1).
                        reply(out, "554 5.5.1 Error: no valid recipients");
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    String rcpt = recipients.isEmpty() ? "" : recipients.get(0);
                    Fault f = take(rcpt, Fault.DROP_MID_DATA, Fault.DATA_451, Fault.DATA_554, Fault.STALL_AFTER_DATA);
                    if (f == Fault.DROP_MID_DATA) {
                        in.readLine();
                        return;
                    }
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message body: counted, not kept
                    }
                    if (line == null) {
                        return;
                    }
                    if (f == Fault.STALL_AFTER_DATA) {
                        Thread.sleep(stall.toMillis());
                        return;
                    }
                    if (f == Fault.DATA_451) {
                        reply(out, "451 4.3.0 Temporary local problem, try again");
                    } else if (f == Fault.DATA_554) {
                        reply(out, "554 5.7.1 Message rejected as spam");
                    } else {
                        Thread.sleep(perMessage.toMillis());
                        acceptedHere++;
                        for (String r : recipients) {
                            accepted.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet();
                            Runnable hook = hooks.remove(r);
                            if (hook != null) {
                                hook.run();
                            }
                        }
                        reply(out, "250 2.0.0 Ok: queued");
                    }
                } else if (cmd.startsWith("RSET")) {
                    recipients.clear();
                    reply(out, "250 2.0.0 OK");
                } else if (cmd.startsWith("NOOP")) {
                    reply(out, "250 2.0.0 OK");
                } else if (cmd.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client or the test closed the connection
        } finally {
            sessions.decrementAndGet();
            open.remove(c);
            open.remove(plain);
            try {
                c.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private Fault take(String recipient, Fault... kinds) {
        Rule r = rules.get(recipient);
        if (r == null || !List.of(kinds).contains(r.fault())) {
            return null;
        }
        return r.remaining().getAndDecrement() > 0 ? r.fault() : null;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        down();
    }

    public boolean isClosed() {
        return closed;
    }
}
