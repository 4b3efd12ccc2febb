package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batched sender on real loopback sockets. */
class UdpBatchTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static byte[] datagram(int receiver, int index) {
        byte[] d = new byte[100 + index];
        Arrays.fill(d, (byte) (receiver * 31 + index));
        return d;
    }

    @Test
    void everyDatagramReachesItsOwnDestinationFromTheBoundPort() throws IOException {
        assumeTrue(LibC.available(), "sendmmsg through JNA needs 64-bit Linux");
        List<DatagramChannel> receivers = new ArrayList<>();
        try (UdpBatch batch = UdpBatch.bind(new InetSocketAddress(LOOPBACK, 0))) {
            assertNotNull(batch);
            for (int r = 0; r < 3; r++) {
                DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
                receivers.add(channel);
            }
            int count = 2 * UdpBatch.CAPACITY + 6; // two full batches sent by themselves, then a flush
            for (int i = 0; i < count; i++) {
                int r = i % receivers.size();
                batch.add(datagram(r, i), 0, 100 + i,
                        UdpBatch.destination((InetSocketAddress) receivers.get(r).getLocalAddress()));
            }
            batch.flush();
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            for (int i = 0; i < count; i++) {
                int r = i % receivers.size();
                buffer.clear();
                receivers.get(r).receive(buffer);
                buffer.flip();
                byte[] got = new byte[buffer.remaining()];
                buffer.get(got);
                assertArrayEquals(datagram(r, i), got, "datagram " + i);
            }
            assertEquals(0, batch.failed());
        } finally {
            for (DatagramChannel channel : receivers) {
                channel.close();
            }
        }
    }

    /** The layout the media port relies on: bound before ice4j's sockets, it never takes what arrives. */
    @Test
    void socketsBoundLaterOnThePortReceiveWhatArrives() throws IOException {
        assumeTrue(LibC.available(), "sendmmsg through JNA needs 64-bit Linux");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        InetSocketAddress media = new InetSocketAddress(LOOPBACK, port);
        try (UdpBatch batch = UdpBatch.bind(media);
             DatagramSocket first = reusing(media);
             DatagramSocket last = reusing(media);
             DatagramSocket peer = new DatagramSocket(0, LOOPBACK)) {
            last.setSoTimeout(2000);

            for (int i = 0; i < 20; i++) {
                peer.send(new DatagramPacket(new byte[] {(byte) i}, 1, media));
            }
            for (int i = 0; i < 20; i++) {
                DatagramPacket p = new DatagramPacket(new byte[10], 10);
                last.receive(p);
                assertEquals(i, p.getData()[0], "all of it to the socket bound last, in order");
            }
            batch.add(new byte[] {42}, 0, 1, UdpBatch.destination((InetSocketAddress) peer.getLocalSocketAddress()));
            batch.flush();
            DatagramPacket reply = new DatagramPacket(new byte[10], 10);
            peer.setSoTimeout(2000);
            peer.receive(reply);
            assertEquals(port, reply.getPort(), "and what the batch sends comes from the media port");
        }
    }

    private static DatagramSocket reusing(InetSocketAddress address) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(address);
        return socket;
    }
}
