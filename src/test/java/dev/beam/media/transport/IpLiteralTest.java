package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "192.168.1.7", "255.255.255.255", "10.0.0.10",
            "::", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "2001:DB8:0:0:8:800:200C:417A",
            "1:2:3:4:5:6:7:8", "1::", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "::ffff:192.0.2.1",
            "64:ff9b::198.51.100.7", "1:2:3:4:5:6:1.2.3.4"})
    void readsLiteralsAsTheJdkDoes(String literal) throws UnknownHostException {
        // getByName does not look up a literal: it is the reference here.
        InetAddress address = IpLiteral.parse(literal).orElseThrow();
        assertEquals(InetAddress.getByName(literal), address);
        assertEquals(literal, address.getHostName(), "named by itself: no reverse lookup either");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "deadbeef", "cafe.face", "abc", "a.b.c.d",
            "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "01.2.3.4", "1.2.3.4 ", " 1.2.3.4", "1..2.3",
            "1.2.3.4.", "+1.2.3.4", "\uff11.2.3.4", "1.2.3.0x4", "::1%eth0", "fe80::1%1", "1:2:3:4:5:6:7:8:9",
            "1::2::3", "12345::", "g::1", ":1", "1:", ":::", "1:2:3:4:5:6:7:8::", "::1.2.3", "1.2.3.4::",
            "::ffff:256.0.0.1", "[::1]", "1:2:3:4:5:6:7:1.2.3.4", "0a1b2c3d-1111-2222-3333-444455556666.local"})
    void refusesEverythingElse(String text) {
        assertTrue(IpLiteral.parse(text).isEmpty(), text);
    }
}
