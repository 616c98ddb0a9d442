package com.consultaion.adapter.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress none = new ClientAddress(List.of());
    private final ClientAddress proxies = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(none.resolve("203.0.113.9", "1.2.3.4")).isEqualTo("203.0.113.9");
        assertThat(none.resolve("203.0.113.9", null)).isEqualTo("203.0.113.9");
    }

    @Test
    void aSpoofedHeaderFromAnUntrustedPeerIsIgnored() {
        assertThat(proxies.resolve("203.0.113.9", "10.0.0.1, 198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void theRightmostAddressThatIsNotOurProxyIsTheClient() {
        // The client prepended a fake address; our proxies appended the real one and themselves.
        assertThat(proxies.resolve("10.1.2.3", "6.6.6.6, 198.51.100.1, 192.168.1.7"))
                .isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("192.168.1.7", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("fd12::1", "2001:db8::5")).isEqualTo("2001:db8::5");
        // Only proxies in the chain: the leftmost one is as far as we can see.
        assertThat(proxies.resolve("10.1.2.3", "10.9.9.9")).isEqualTo("10.9.9.9");
    }

    @Test
    void garbageInTheChainStopsTheWalkAndNeverTriggersALookup() {
        assertThat(proxies.resolve("10.1.2.3", "198.51.100.1, evil.example.com"))
                .isEqualTo("10.1.2.3");
        assertThat(proxies.resolve("10.1.2.3", "abc")).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.literal("999.1.1.1")).isNull();
        assertThat(ClientAddress.literal("localhost")).isNull();
        assertThat(ClientAddress.literal("::1")).hasSize(16);
    }

    @Test
    void badConfigurationFailsAtStartup() {
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
