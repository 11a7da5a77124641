package bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY on. Angus Mail has no property for it; given as
 * {@code mail.smtp.socketFactory} (an instance) or {@code mail.smtp.socketFactory.class}
 * (this class's name; Angus then calls {@link #getDefault()}) it removes the ~40 ms
 * Nagle/delayed-ACK stall per message. Counts the sockets it made, so a peer can
 * prove the factory was actually used.
 */
public final class NoDelaySocketFactory extends SocketFactory {
    static final AtomicInteger CREATED = new AtomicInteger();
    private static final NoDelaySocketFactory DEFAULT = new NoDelaySocketFactory();

    /** Looked up reflectively by Angus Mail for {@code mail.smtp.socketFactory.class}. */
    public static SocketFactory getDefault() {
        return DEFAULT;
    }

    private static Socket tune(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        CREATED.incrementAndGet();
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return tune(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return tune(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return tune(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return tune(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return tune(new Socket(address, port, localAddress, localPort));
    }
}
