package cn.moralbank.points.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Who a throttle counts: an IPv6 client by its /64, an IPv4 client, an account or a kiosk as it is. */
class ThrottleSubjectsTest {
    @Test
    void everyAddressOfOneIpv6SlashSixtyFourCountsAsOne() {
        String one = Throttles.subject(Throttles.ADDRESS, "2001:db8:1:2:0:0:0:1");
        assertEquals("address:2001:db8:1:2::/64", one);
        // before, each of the 2^64 addresses of a line was a subject of its own, with 20 tries each
        assertEquals(one, Throttles.subject(Throttles.ADDRESS, "2001:db8:1:2:ffff:ee:dd:cc"));
        assertEquals(one, Throttles.subject(Throttles.ADDRESS, "2001:db8:1:2::abcd"));
        assertNotEquals(one, Throttles.subject(Throttles.ADDRESS, "2001:db8:1:3::1"));
    }

    @Test
    void ipv4AddressesAndOtherSubjectsAreCountedAsTheyAre() {
        assertEquals("address:203.0.113.7", Throttles.subject(Throttles.ADDRESS, "203.0.113.7"));
        assertEquals("address:unknown", Throttles.subject(Throttles.ADDRESS, "unknown"));
        // a subject already written as a network (the office's page lifts what it lists) stays as it is
        assertEquals("address:2001:db8:1:2::/64", Throttles.subject(Throttles.ADDRESS, "2001:db8:1:2::/64"));
        assertEquals("account:hedong.admin", Throttles.subject(Throttles.ACCOUNT, "hedong.admin"));
    }
}
