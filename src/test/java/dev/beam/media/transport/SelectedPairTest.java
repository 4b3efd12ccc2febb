package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * Whose datagrams are taken once ICE selected a pair: the pair's remote end, and the other
 * addresses the peer proved its own with a signed check (a browser that nominated another pair
 * than the one ice4j kept sends its DTLS there), no others.
 */
class SelectedPairTest {
    private final SelectedPair pair = new SelectedPair("p", null, null);
    private final IceTransport.Route route = new IceTransport.Route(new InetSocketAddress("127.0.0.1", 60919),
            InetAddress.getLoopbackAddress(), null, null, PeerTransport.UDP);

    @Test
    void anotherAddressIsThePeersOnceItPassedACheck() {
        InetSocketAddress other = new InetSocketAddress("127.0.0.1", 50492);
        assertTrue(pair.isPeer(route, new InetSocketAddress("127.0.0.1", 60919)));
        assertFalse(pair.isPeer(route, other), "not before it passed a check");
        assertFalse(pair.isPeer(route, null));
        pair.checked(other);
        assertTrue(pair.isPeer(route, other));
        assertTrue(pair.isPeer(route, new InetSocketAddress(InetAddress.getLoopbackAddress(), 50492)));
        assertFalse(pair.isPeer(route, new InetSocketAddress("127.0.0.2", 50492)), "another host");
        assertFalse(pair.isPeer(route, new InetSocketAddress("127.0.0.1", 50493)), "another port");
    }

    @Test
    void atMostSixteenAddressesAreKept() {
        for (int i = 0; i < 100; i++) {
            pair.checked(new InetSocketAddress("127.0.0.1", 1000 + i));
        }
        assertTrue(pair.isPeer(route, new InetSocketAddress("127.0.0.1", 1000 + SelectedPair.MAX_CHECKED - 1)));
        assertFalse(pair.isPeer(route, new InetSocketAddress("127.0.0.1", 1000 + SelectedPair.MAX_CHECKED)),
                "a flood of checks from new ports adds nothing past the bound");
    }
}
