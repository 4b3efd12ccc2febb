package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class EarlyMediaTest {
    private final PacketPool pool = new PacketPool(EarlyMedia.MAX + 8);
    private final LongAdder drops = new LongAdder();
    private final EarlyMedia early = new EarlyMedia(drops);

    private Packet packet(int n) {
        return pool.take(new byte[] {(byte) n}, 0, 1, n);
    }

    @Test
    void heldPacketsGoOnInOrderWhenTheKeysAreInAndLaterOnesStraightOn() {
        Packet first = packet(1);
        Packet second = packet(2);
        assertTrue(early.offer(first));
        assertTrue(early.offer(second));
        List<Packet> handed = new ArrayList<>();

        early.open(handed::add);

        assertEquals(List.of(first, second), handed);
        assertTrue(early.isOpen());
        assertFalse(early.offer(packet(3)), "after the keys, the caller hands packets on itself");
        assertEquals(0, drops.sum());
    }

    @Test
    void moreThanTheMaximumAreDroppedCountedAndTheirBuffersGivenBack() {
        for (int i = 0; i < EarlyMedia.MAX + 5; i++) {
            assertTrue(early.offer(packet(i)));
        }
        assertEquals(5, drops.sum());
        List<Packet> handed = new ArrayList<>();
        early.open(handed::add);
        assertEquals(EarlyMedia.MAX, handed.size());
        assertEquals(0, handed.get(0).buf[0], "the first ones are kept");
        handed.forEach(Packet::release);
        for (int i = 0; i < EarlyMedia.MAX + 8; i++) {
            assertTrue(pool.take(new byte[1], 0, 1, 0) != null, "every buffer came back: " + i);
        }
    }

    @Test
    void closingReleasesWhatIsHeldAndTheGateNeverOpens() {
        Packet held = packet(1);
        early.offer(held);

        early.close();
        early.open(p -> {
            throw new AssertionError("nothing goes on after close");
        });

        assertFalse(early.isOpen());
        assertTrue(early.offer(packet(2)));
        assertEquals(1, drops.sum());
        assertSame(held, pool.take(new byte[1], 0, 1, 0), "its buffer is back in the pool");
    }
}
