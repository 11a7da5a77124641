package org.paperdigest.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IP addresses written {@code 10.0.0.0/8}, {@code 2001:db8::/32} or one address
 * ({@code 127.0.0.1}): the reverse proxies whose {@code X-Forwarded-For} hops are believed.
 */
public record Cidr(byte[] network, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.]+)?]?");

    public Cidr {
        network = network.clone();
        if ((network.length != 4 && network.length != 16) || prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("a network needs 4 or 16 bytes and a prefix that fits");
        }
    }

    /** Parses {@code ADDRESS[/PREFIX]}; empty when it is not an IP literal (names are never looked up). */
    public static Optional<Cidr> parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        Optional<InetAddress> address = literal(slash < 0 ? t : t.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get().getAddress();
        try {
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
            return prefix < 0 || prefix > bytes.length * 8 ? Optional.empty() : Optional.of(new Cidr(bytes, prefix));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Reads an IPv4 or IPv6 literal without any name lookup; empty for anything else. */
    public static Optional<InetAddress> literal(String text) {
        String t = text == null ? "" : text.strip();
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
            return Optional.empty();
        }
        t = t.replace("[", "").replace("]", "");
        int zone = t.indexOf('%');
        try {
            return Optional.of(InetAddress.getByName(zone >= 0 ? t.substring(0, zone) : t));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Says whether {@code address} lies in this block (an IPv4 address never lies in an IPv6 block). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        if (!Arrays.equals(Arrays.copyOf(a, full), Arrays.copyOf(network, full))) {
            return false;
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            return Arrays.toString(network) + "/" + prefix;
        }
    }
}
