package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beam.media.MediaStats;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which agent carries a transport's media through ICE restarts, on real ice4j agents of a loopback media port. */
class IceAgentsTest {
    private final MediaPort port;

    IceAgentsTest() throws Exception {
        port = MediaPort.bind("127.0.0.1", null, 0, 1, 65_536, new IceAdmission(8, new MediaStats()),
                new TcpPortSettings(0, 1, 1, Duration.ofSeconds(1)));
    }

    @AfterEach
    void closePort() {
        port.close();
    }

    private IceTransport agent() throws Exception {
        return new IceTransport("test", port, new IceTransport.Handler() {
            @Override
            public void onPacket(byte[] buf, int off, int len, InetSocketAddress from) {
            }

            @Override
            public void onConnected() {
            }

            @Override
            public void onFailed(String reason) {
            }

            @Override
            public void onPeerCheck(InetSocketAddress from) {
            }
        });
    }

    @Test
    void aRestartsAgentTakesOverOnlyWhenItConnectsAndALaterRestartReplacesIt() throws Exception {
        IceTransport first = agent();
        IceAgents agents = new IceAgents(first);
        IceTransport second = agent();
        assertEquals(1, agents.restart(second));
        assertSame(first, agents.current(), "the first carries the media until the restart connects");
        assertSame(second, agents.newest(), "the peer gets the restart's credentials");
        IceTransport third = agent();
        assertEquals(2, agents.restart(third));
        assertEquals(0, agents.takeOver(second), "a replaced restart takes nothing over");
        assertSame(first, agents.current());
        assertEquals(2, agents.takeOver(third));
        assertSame(third, agents.current());
        assertSame(third, agents.newest());
        assertEquals(0, agents.takeOver(third), "once only");
        agents.close();
        assertThrows(java.io.IOException.class, () -> agents.restart(agent()), "no restart once closed");
    }
}
