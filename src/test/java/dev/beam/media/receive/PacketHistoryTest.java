package dev.beam.media.receive;

import static dev.beam.media.rtp.RtpTestPackets.packet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.rtp.RtpPacket;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PacketHistoryTest {
    private final PacketHistory history = new PacketHistory();
    private final byte[] out = new byte[PacketHistory.DEFAULT_SLOT_SIZE];

    private void store(int seq) {
        byte[] p = packet(seq, 100 + seq % 50);
        assertTrue(history.store(p, 0, p.length), "store " + seq);
    }

    private void assertHeld(int seq) {
        byte[] expected = packet(seq, 100 + seq % 50);
        int len = history.copy(seq, out, 0);
        assertEquals(expected.length, len, "length of " + seq);
        assertArrayEquals(expected, Arrays.copyOf(out, len), "bytes of " + seq);
    }

    @Test
    void storesAndCopiesAtAnOffset() {
        byte[] p = packet(500, 1200);
        byte[] framed = new byte[p.length + 7];
        System.arraycopy(p, 0, framed, 3, p.length);
        assertTrue(history.store(framed, 3, p.length));
        byte[] dst = new byte[1300];
        assertEquals(p.length, history.copy(500, dst, 20));
        assertArrayEquals(p, Arrays.copyOfRange(dst, 20, 20 + p.length));
    }

    @Test
    void missingSequenceNumbersAreMinusOne() {
        assertEquals(-1, history.copy(1, out, 0)); // empty history
        store(10);
        store(12);
        assertEquals(-1, history.copy(11, out, 0));
        assertEquals(-1, history.copy(13, out, 0));
        assertEquals(-1, history.copy(9, out, 0));
        assertHeld(10);
        assertHeld(12);
    }

    @Test
    void wrapsFrom65535To0() {
        for (int s = 65530; s <= 65535; s++) {
            store(s);
        }
        for (int s = 0; s <= 10; s++) {
            store(s);
        }
        for (int s = 65530; s <= 65535; s++) {
            assertHeld(s);
        }
        for (int s = 0; s <= 10; s++) {
            assertHeld(s);
        }
    }

    @Test
    void evictsPacketsAWholeRingOlder() {
        for (int s = 0; s <= 1024; s++) {
            store(s);
        }
        assertEquals(-1, history.copy(0, out, 0)); // its slot now holds 1024
        assertHeld(1);
        assertHeld(1024);
    }

    @Test
    void neverReturnsAStaleSlotForANewerNumber() {
        store(0);
        store(1500); // a gap: slot 0 still holds seq 0, and 1024 was never received
        assertEquals(-1, history.copy(1024, out, 0));
        assertEquals(-1, history.copy(0, out, 0)); // held, but too far behind 1500 to be trusted
    }

    @Test
    void aFullLapLaterTheSameNumberIsADifferentPacket() {
        store(100);
        for (int s = 1100; s < 65536; s += 1000) {
            store(s);
        }
        store(50); // 65586: a lap after 100 minus 50; slot 100 still holds the first lap's packet
        assertEquals(-1, history.copy(100, out, 0));
        store(100);
        assertHeld(100);
    }

    @Test
    void refusesPacketsOlderThanTheRingButFollowsARestart() {
        for (int s = 2000; s < 2010; s++) {
            store(s);
        }
        byte[] old = packet(500, 10);
        assertFalse(history.store(old, 0, old.length)); // stray: would evict a newer packet
        assertHeld(2009);
        byte[] next = packet(501, 10);
        assertTrue(history.store(next, 0, next.length)); // second in a row: numbering restarted
        assertEquals(-1, history.copy(2009, out, 0));
        assertEquals(next.length, history.copy(501, out, 0));
    }

    @Test
    void lateReorderedPacketsAreKept() {
        store(10);
        store(12);
        store(11);
        assertHeld(11);
        assertHeld(12);
    }

    @Test
    void refusesInvalidOrOversizedPacketsAndSmallDestinations() {
        byte[] big = packet(1, PacketHistory.DEFAULT_SLOT_SIZE);
        assertFalse(history.store(big, 0, big.length));
        assertFalse(history.store(new byte[5], 0, 5));
        store(2);
        assertEquals(-1, history.copy(2, new byte[20], 0));
        assertEquals(-1, history.copy(2, out, out.length - 10));
    }

    @Test
    void clearForgetsEverything() {
        store(1);
        history.clear();
        assertEquals(-1, history.copy(1, out, 0));
        store(40000);
        assertHeld(40000);
    }

    /** Readers racing the writer only ever see whole packets of the number they asked for. */
    @Test
    void concurrentReadersNeverSeeTornPackets() throws Exception {
        PacketHistory h = new PacketHistory(64, 1600);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread[] readers = new Thread[3];
        for (int r = 0; r < readers.length; r++) {
            readers[r] = new Thread(() -> {
                byte[] dst = new byte[1600];
                int seq = 0;
                while (!done.get() && failure.get() == null) {
                    seq = (seq + 7) & 0xFFFF;
                    int len = h.copy(seq, dst, 0);
                    if (len < 0) {
                        continue;
                    }
                    if (RtpPacket.sequenceNumber(dst, 0) != seq || len != 12 + 1000 + seq % 300) {
                        failure.set("wrong packet for " + seq);
                    }
                    for (int i = 12; i < len; i++) {
                        if (dst[i] != (byte) seq) {
                            failure.set("torn packet " + seq + " at " + i);
                            break;
                        }
                    }
                }
            });
            readers[r].start();
        }
        for (int s = 0; s < 100_000 && failure.get() == null; s++) {
            byte[] p = packet(s & 0xFFFF, 1000 + (s & 0xFFFF) % 300);
            h.store(p, 0, p.length);
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertEquals(null, failure.get());
    }
}
