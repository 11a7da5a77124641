package org.paperdigest.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that dies after a number of messages: a TCP relay in front of a real server
 * (GreenMail) that lets {@code limit} mail transactions through, answers the next MAIL FROM with
 * {@code 421} and closes, and from then on refuses connections. The cut falls between messages:
 * every transaction it let start reaches the real server complete, none after it does.
 */
public final class SmtpGate implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final int limit;
    private final AtomicInteger started = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private SmtpGate(int upstreamPort, int limit) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.limit = limit;
        daemon("smtp-gate-accept", this::acceptLoop);
    }

    /** Starts a gate on a free loopback port that relays the first {@code limit} messages to {@code upstreamPort}. */
    public static SmtpGate closingAfter(int limit, int upstreamPort) throws IOException {
        return new SmtpGate(upstreamPort, limit);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(server);
                daemon("smtp-gate-replies", () -> pump(server, client));
                daemon("smtp-gate-commands", () -> relayCommands(client, server));
            } catch (IOException e) {
                return; // the listener was closed: refuse from now on
            }
        }
    }

    /** Copies the server's replies to the client, byte for byte. */
    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Copies the client's commands and message data line by line, stopping at the first MAIL FROM over the limit. */
    private void relayCommands(Socket client, Socket server) {
        try (InputStream in = client.getInputStream(); OutputStream up = server.getOutputStream()) {
            boolean data = false;
            String line;
            while ((line = readLine(in)) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (!data && command.startsWith("MAIL FROM") && started.incrementAndGet() > limit) {
                    shutDown();
                    OutputStream down = client.getOutputStream();
                    down.write("421 4.3.2 Server going down\r\n".getBytes(StandardCharsets.US_ASCII));
                    down.flush();
                    return;
                }
                up.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                up.flush();
                if (!data && command.equals("DATA")) {
                    data = true;
                } else if (data && line.equals(".")) {
                    data = false;
                }
            }
        } catch (IOException ignored) {
            // one side closed
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    /** Stops listening, so reconnecting senders are refused; open sessions end at their next MAIL FROM. */
    private void shutDown() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return null;
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        shutDown();
        sockets.forEach(SmtpGate::closeQuietly);
    }
}
