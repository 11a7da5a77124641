package org.paperdigest.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections one client (IP address, or IPv6 /64) may hold open at once: the one past
 * the cap is closed as soon as it opens, so a single machine cannot hold every socket. Trusted
 * proxies are not capped (all their clients share their address).
 */
final class ConnectionCap implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(ConnectionCap.class);

    private final int max;
    private final ClientAddress clients;
    private final Map<String, Integer> open = new HashMap<>();
    // The peer is remembered per connection: a closed socket no longer knows its remote address.
    private final Map<Connection, String> keys = new IdentityHashMap<>();

    ConnectionCap(int max, ClientAddress clients) {
        this.max = max;
        this.clients = clients;
    }

    @Override
    public void onOpened(Connection connection) {
        String key = key(connection);
        if (key == null) {
            return;
        }
        int now;
        synchronized (open) {
            keys.put(connection, key);
            now = open.merge(key, 1, Integer::sum);
        }
        if (now > max) {
            log.debug("Closed a connection from {}: it holds {} already", key, max);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        synchronized (open) {
            String key = keys.remove(connection);
            if (key != null) {
                open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    private String key(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return null;
        }
        String key = ClientAddress.keyOf(inet.getAddress());
        return clients.isTrusted(inet.getAddress().getHostAddress()) ? null : key;
    }
}
