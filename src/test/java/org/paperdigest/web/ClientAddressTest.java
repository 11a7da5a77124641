package org.paperdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperdigest.config.Cidr;
import org.paperdigest.config.HttpConfig;

class ClientAddressTest {
    private static ClientAddress trusting(String... proxies) {
        return new ClientAddress(new HttpConfig(0, HttpConfig.ALL_INTERFACES,
                java.util.Arrays.stream(proxies).map(p -> Cidr.parse(p).orElseThrow()).toList(), false));
    }

    @Test
    void without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        assertThat(trusting().client("192.0.2.1", List.of("203.0.113.9"))).isEqualTo("192.0.2.1");
    }

    @Test
    void the_client_is_the_right_most_hop_over_all_lines_that_is_not_a_trusted_proxy() {
        ClientAddress clients = trusting("127.0.0.1", "10.0.0.0/8");

        assertThat(clients.client("127.0.0.1", List.of("203.0.113.9, 198.51.100.7", "10.1.2.3")))
                .isEqualTo("198.51.100.7");
        assertThat(clients.client("127.0.0.1", List.of("forged", "198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(clients.client("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
        assertThat(clients.client("192.0.2.1", List.of("198.51.100.7"))).as("peer not a proxy").isEqualTo("192.0.2.1");
    }

    @Test
    void ipv6_blocks_and_names_are_read_without_lookups() {
        ClientAddress clients = trusting("::1", "2001:db8::/32");

        assertThat(clients.isTrusted("2001:db8:1::5")).isTrue();
        assertThat(clients.isTrusted("2001:db9::5")).isFalse();
        assertThat(clients.isTrusted("localhost")).isFalse();
        assertThat(ClientAddress.key("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:0db8:0001:0002::/64");
    }
}
