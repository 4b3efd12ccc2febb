package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 4571 §2 framing: round trips, frames split across reads, and frames over the bound. */
class Rfc4571FramesTest {
    private final Rfc4571Frames frames = new Rfc4571Frames(1500);
    private final List<byte[]> received = new ArrayList<>();

    private void collect(byte[] buf, int off, int len) {
        received.add(Arrays.copyOfRange(buf, off, off + len));
    }

    private static byte[] framed(byte[]... packets) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(packets).mapToInt(p -> p.length + 2).sum());
        ByteBuffer header = ByteBuffer.allocate(2);
        for (byte[] packet : packets) {
            assertTrue(Rfc4571Frames.header(header, packet.length));
            out.put(header).put(packet);
        }
        return out.array();
    }

    @Test
    void theLengthPrefixIsTwoBytesInNetworkOrder() {
        ByteBuffer header = ByteBuffer.allocate(2);
        assertTrue(Rfc4571Frames.header(header, 0x1234));
        assertEquals(0x12, header.get(0));
        assertEquals(0x34, header.get(1));
        assertTrue(Rfc4571Frames.header(header, 65535));
        assertFalse(Rfc4571Frames.header(header, 65536), "RFC 4571 cannot frame more than 65535 bytes");
    }

    @Test
    void packetsSurviveARoundTrip() {
        Random random = new Random(7);
        byte[][] packets = new byte[20][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = new byte[1 + random.nextInt(1500)];
            random.nextBytes(packets[i]);
        }
        byte[] stream = framed(packets);
        ByteBuffer in = frames.newBuffer();
        // A stream arrives in reads of any size: feed it a few bytes at a time.
        int at = 0;
        while (at < stream.length) {
            int n = Math.min(1 + random.nextInt(700), Math.min(in.remaining(), stream.length - at));
            in.put(stream, at, n);
            at += n;
            assertTrue(frames.drain(in, this::collect));
        }
        assertEquals(packets.length, received.size());
        for (int i = 0; i < packets.length; i++) {
            assertArrayEquals(packets[i], received.get(i), "packet " + i);
        }
        assertEquals(0, in.position(), "nothing left over");
    }

    @Test
    void aPartialFrameWaitsForTheRest() {
        byte[] stream = framed(new byte[] {1, 2, 3, 4, 5});
        ByteBuffer in = frames.newBuffer();
        in.put(stream, 0, 1);
        assertTrue(frames.drain(in, this::collect));
        assertEquals(0, received.size(), "half a prefix");
        in.put(stream, 1, 4);
        assertTrue(frames.drain(in, this::collect));
        assertEquals(0, received.size(), "the prefix and part of the packet");
        in.put(stream, 5, 2);
        assertTrue(frames.drain(in, this::collect));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, received.get(0));
    }

    @Test
    void severalFramesInOneReadAreAllDelivered() {
        ByteBuffer in = frames.newBuffer();
        in.put(framed(new byte[] {1}, new byte[] {2, 2}, new byte[0], new byte[] {3, 3, 3}));
        assertTrue(frames.drain(in, this::collect));
        assertEquals(3, received.size(), "an empty frame carries nothing");
        assertArrayEquals(new byte[] {3, 3, 3}, received.get(2));
    }

    @Test
    void aFrameOverTheBoundIsRefusedBeforeItsBytesArrive() {
        ByteBuffer in = frames.newBuffer();
        in.put(new byte[] {(byte) (1501 >>> 8), (byte) 1501});
        assertFalse(frames.drain(in, this::collect));
        assertEquals(0, received.size());
        ByteBuffer most = frames.newBuffer();
        most.put(framed(new byte[1500]));
        assertTrue(frames.drain(most, this::collect), "a frame of the bound fits the buffer");
        assertEquals(1500, received.get(0).length);
    }

    @Test
    void theBoundIsWhatRfc4571CanFrame() {
        assertThrows(() -> new Rfc4571Frames(65536));
        assertThrows(() -> new Rfc4571Frames(0));
    }

    private static void assertThrows(Runnable r) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
    }
}
