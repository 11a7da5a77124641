package org.paperdigest.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Creates sockets with TCP_NODELAY on. Without it, Jakarta Mail's last write of each message waits
 * for the server's delayed ACK (Nagle's algorithm): about 40 ms per message, 21 messages a second
 * per connection. See PERFORMANCE-NOTES.
 */
final class NoDelaySocketFactory extends SSLSocketFactory {
    private final SocketFactory delegate;

    private NoDelaySocketFactory(SocketFactory delegate) {
        this.delegate = delegate;
    }

    /**
     * Returns a factory for plain sockets. It must not be an SSLSocketFactory: Angus Mail only asks a
     * plain {@code mail.smtp.socketFactory} for the socket when it is not one, and otherwise makes
     * its own socket, without TCP_NODELAY.
     */
    static SocketFactory plain() {
        return new Plain();
    }

    static NoDelaySocketFactory tls() {
        return new NoDelaySocketFactory(SSLSocketFactory.getDefault());
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        SSLSocketFactory tls = (SSLSocketFactory) (delegate instanceof SSLSocketFactory ? delegate : SSLSocketFactory.getDefault());
        s.setTcpNoDelay(true);
        return tls.createSocket(s, host, port, autoClose);
    }

    /** Plain TCP sockets with TCP_NODELAY on (for SMTP_SECURITY none, and under STARTTLS before the upgrade). */
    private static final class Plain extends SocketFactory {
        private final SocketFactory delegate = SocketFactory.getDefault();

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return ((SSLSocketFactory) SSLSocketFactory.getDefault()).getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return ((SSLSocketFactory) SSLSocketFactory.getDefault()).getSupportedCipherSuites();
    }
}
