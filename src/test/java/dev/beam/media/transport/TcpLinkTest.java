package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A TCP connection of the media port, on real loopback sockets: a peer that does not read makes
 * sends queue, then drop (counted) at the bound, never block; what was queued reaches the peer
 * whole and in order once it reads.
 */
class TcpLinkTest {
    private Selector selector;
    private ServerSocketChannel listener;
    private SocketChannel peer;
    private SocketChannel server;
    private final LongAdder drops = new LongAdder();
    private TcpLink link;

    @BeforeEach
    void connect() throws Exception {
        selector = Selector.open();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = SocketChannel.open();
        peer.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        peer.connect(listener.getLocalAddress());
        server = listener.accept();
        server.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        server.configureBlocking(false);
        peer.configureBlocking(false);
        SelectionKey key = server.register(selector, SelectionKey.OP_READ);
        link = new TcpLink(server, key, (InetSocketAddress) server.getRemoteAddress(),
                (InetSocketAddress) server.getLocalAddress(), ByteBuffer.allocate(16), 0, drops);
    }

    @AfterEach
    void close() throws Exception {
        link.closeQuietly();
        peer.close();
        listener.close();
        selector.close();
    }

    @Test
    void aPeerThatDoesNotReadLosesFramesPastTheQueueNeverBlockingTheSender() throws Exception {
        List<byte[]> accepted = new ArrayList<>();
        for (int i = 0; i < 100_000 && drops.sum() == 0; i++) {
            byte[] packet = new byte[1000];
            Arrays.fill(packet, (byte) i);
            if (link.send(packet, 0, packet.length)) {
                accepted.add(packet);
            }
        }
        assertEquals(1, drops.sum(), "the queue filled and the next frame was dropped");
        assertTrue(accepted.size() > TcpLink.MAX_QUEUED, accepted.size() + " frames taken");

        Rfc4571Frames frames = new Rfc4571Frames(1500);
        ByteBuffer in = frames.newBuffer();
        List<byte[]> received = new ArrayList<>();
        for (int round = 0; round < 1_000_000 && received.size() < accepted.size(); round++) {
            link.flush();
            if (peer.read(in) > 0) {
                assertTrue(frames.drain(in, (buf, off, len) -> received.add(Arrays.copyOfRange(buf, off, off + len))));
            }
        }
        assertEquals(accepted.size(), received.size());
        for (int i = 0; i < accepted.size(); i++) {
            assertArrayEquals(accepted.get(i), received.get(i), "frame " + i);
        }
    }

    @Test
    void aClosedLinkSendsNothing() {
        link.closeQuietly();
        assertTrue(link.isClosed());
        assertFalse(link.send(new byte[] {1}, 0, 1));
        assertFalse(link.send(new byte[70_000], 0, 70_000), "RFC 4571 cannot frame it");
    }
}
