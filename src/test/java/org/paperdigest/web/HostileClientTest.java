package org.paperdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Clients that send too much, too slowly or too many connections cannot close the front door for others. */
class HostileClientTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    TestSite site;
    final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        site.close();
    }

    @Test
    void a_chunked_body_over_16_kb_gets_413_and_nothing_is_stored() throws Exception {
        site = TestSite.start(dir, greenMail);
        Socket socket = connect("127.0.0.1");
        OutputStream out = socket.getOutputStream();
        out.write(("POST /subscribe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk("email=ada%40example.org&name="));
        try {
            for (int i = 0; i < 5; i++) {
                out.write(chunk("x".repeat(4096)));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException closedEarly) {
            // The server may answer and close before the client has finished writing.
        }

        String answer = readAll(socket);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("Too much data");
        site.settle();
        assertThat(site.stored("ada@example.org")).isFalse();
    }

    @Test
    void a_body_that_never_finishes_gets_408_and_nothing_is_stored() throws Exception {
        site = TestSite.start(dir, greenMail);
        Socket socket = connect("127.0.0.1");
        socket.getOutputStream().write(("POST /subscribe HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=ada%40example.org")
                .getBytes(StandardCharsets.US_ASCII));

        String answer = readAll(socket);

        assertThat(answer).startsWith("HTTP/1.1 408").contains("Too slow");
        site.settle();
        assertThat(site.stored("ada@example.org")).isFalse();
    }

    @Test
    void the_health_check_answers_while_slow_bodies_hold_more_connections_than_there_are_threads() throws Exception {
        site = TestSite.start(dir, greenMail);
        // 40 unfinished bodies from 4 addresses (10 each, under the per-client cap): more than the 32 worker threads.
        for (int i = 0; i < 40; i++) {
            Socket slow = connect("127.0.0." + (2 + i / 10));
            slow.getOutputStream().write(("POST /preferences HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nt")
                    .getBytes(StandardCharsets.US_ASCII));
        }

        var health = site.get("/healthz", Duration.ofSeconds(8));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");
        assertThat(site.get("/", Duration.ofSeconds(8)).statusCode()).isEqualTo(200);
    }

    @Test
    void one_client_holds_at_most_20_connections_and_others_still_get_in() throws Exception {
        site = TestSite.start(dir, greenMail);
        for (int i = 0; i < 25; i++) {
            connect("127.0.0.9");
        }

        int closed = 0;
        for (Socket s : sockets) {
            s.setSoTimeout(500);
            try {
                if (s.getInputStream().read() < 0) {
                    closed++;
                }
            } catch (SocketTimeoutException stillOpen) {
                // kept: this one is within the cap
            } catch (IOException reset) {
                closed++;
            }
        }

        assertThat(closed).isEqualTo(5);
        assertThat(site.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void closed_connections_no_longer_count_against_the_cap() throws Exception {
        site = TestSite.start(dir, greenMail);

        for (int i = 0; i < 30; i++) {
            Socket s = connect("127.0.0.11");
            s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(s)).as("request %d", i + 1).startsWith("HTTP/1.1 200");
            s.close();
        }
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", site.web.port()), 5_000);
        s.setSoTimeout(30_000);
        sockets.add(s);
        return s;
    }

    private static byte[] chunk(String data) {
        return (Integer.toHexString(data.length()) + "\r\n" + data + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
