package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateLineTest {

    @Test
    void readsATrickledUdpHostCandidate() throws Exception {
        CandidateLine c = CandidateLine.parse(
                "candidate:3402231524 1 udp 2122260223 192.168.1.7 50329 typ host generation 0 network-id 1")
                .orElseThrow();
        assertEquals("3402231524", c.foundation());
        assertEquals(1, c.component());
        assertEquals(2122260223L, c.priority());
        assertEquals(InetAddress.getByName("192.168.1.7"), c.address());
        assertEquals(50329, c.port());
        assertEquals("host", c.type());
    }

    @Test
    void takesTheSdpFormsAndIpv6AndOtherTypes() throws Exception {
        assertEquals("srflx", CandidateLine.parse("a=candidate:1 1 UDP 1686052607 2001:db8::7 4000 typ srflx"
                + " raddr 0.0.0.0 rport 0").orElseThrow().type());
        assertEquals(9, CandidateLine.parse("1 1 udp 41885439 10.1.1.1 9 typ relay").orElseThrow().port());
    }

    @Test
    void ignoresMdnsAndTcpCandidatesAsBrowsersSendThem() throws Exception {
        assertTrue(CandidateLine.parse("candidate:1 1 udp 2122260223 0a1b2c3d-1111-2222-3333-444455556666.local"
                + " 54400 typ host generation 0").isEmpty());
        assertTrue(CandidateLine.parse("candidate:1 1 udp 2122260223 5f1e-3c.LOCAL. 54400 typ host").isEmpty());
        assertTrue(CandidateLine.parse("candidate:769772225 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active")
                .isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"candidate:1 1 udp 2122260223 example.com 5000 typ host",
            "candidate:1 1 udp 2122260223 deadbeef 5000 typ host",
            "candidate:1 1 udp 2122260223 cafe.face 5000 typ host",
            "candidate:1 1 tcp 2122260223 attacker.example 9 typ host tcptype active"})
    void refusesNamesWithoutLookingThemUp(String line) {
        String message = assertThrows(CandidateLine.RefusedException.class, () -> CandidateLine.parse(line))
                .getMessage();
        assertTrue(message.contains("not an IP address"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "candidate:", "hello", "candidate:1 1 udp 1 1.2.3.4 5000 host",
            "candidate:1 1 sctp 1 1.2.3.4 5000 typ host", "candidate:1 0 udp 1 1.2.3.4 5000 typ host",
            "candidate:1 1 udp 0 1.2.3.4 5000 typ host", "candidate:1 1 udp 99999999999 1.2.3.4 5000 typ host",
            "candidate:1 1 udp 1 1.2.3.4 0 typ host", "candidate:1 1 udp 1 1.2.3.4 65536 typ host",
            "candidate:1 1 udp 1 1.2.3.4 5000 typ magic", "candidate:1 1 udp -1 1.2.3.4 5000 typ host",
            "candidate:f\u00f6 1 udp 1 1.2.3.4 5000 typ host", "candidate:1  1 udp 1 1.2.3.4 5000 typ host"})
    void refusesMalformedCandidates(String line) {
        assertThrows(CandidateLine.RefusedException.class, () -> CandidateLine.parse(line));
    }

    @Test
    void refusesOverlongLinesBeforeReadingThem() {
        String line = "candidate:1 1 udp 1 1.2.3.4 5000 typ host " + "x".repeat(CandidateLine.MAX_LENGTH);
        assertTrue(assertThrows(CandidateLine.RefusedException.class, () -> CandidateLine.parse(line)).getMessage()
                .contains("too long"));
    }
}
