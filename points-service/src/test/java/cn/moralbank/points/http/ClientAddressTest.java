package cn.moralbank.points.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which address the throttles count: X-Forwarded-For only from a configured trusted proxy. */
class ClientAddressTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() throws Exception {
        ClientAddress addresses = new ClientAddress("");
        assertEquals("203.0.113.5", addresses.of(ip("203.0.113.5"), List.of("198.51.100.1")));
    }

    @Test
    void aClientThatIsNotAProxyCannotChooseItsAddress() throws Exception {
        ClientAddress addresses = new ClientAddress("10.0.0.0/8");
        assertEquals("203.0.113.5", addresses.of(ip("203.0.113.5"), List.of("198.51.100.1")));
    }

    @Test
    void behindTheCountysProxyTheNearestUntrustedHopIsTheClient() throws Exception {
        ClientAddress addresses = new ClientAddress("127.0.0.1, 10.0.0.0/8");
        assertEquals("198.51.100.7", addresses.of(ip("127.0.0.1"), List.of("198.51.100.7")));
        // what the client wrote itself comes first; our proxies' hops come last and are skipped
        assertEquals("198.51.100.7", addresses.of(ip("127.0.0.1"), List.of("1.2.3.4, 198.51.100.7, 10.1.2.3")));
        assertEquals("198.51.100.7", addresses.of(ip("10.9.9.9"), List.of("1.2.3.4", "198.51.100.7")));
    }

    @Test
    void aHopThatIsNoAddressEndsTheWalkAtTheLastProxy() throws Exception {
        ClientAddress addresses = new ClientAddress("127.0.0.1");
        assertEquals("127.0.0.1", addresses.of(ip("127.0.0.1"), List.of("evil.example")));
        assertEquals("127.0.0.1", addresses.of(ip("127.0.0.1"), List.of()));
    }

    @Test
    void ipv6ProxiesAndClientsAreMatchedToo() throws Exception {
        ClientAddress addresses = new ClientAddress("::1, fd00::/8");
        assertEquals("2001:db8:0:0:0:0:0:7", addresses.of(ip("::1"), List.of("2001:db8::7")));
        assertEquals("2001:db8:0:0:0:0:0:7", addresses.of(ip("fd12::1"), List.of("2001:db8::7")));
    }
}
