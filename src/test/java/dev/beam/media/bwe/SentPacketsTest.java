package dev.beam.media.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SentPacketsTest {
    @Test
    void matchesWireSequenceNumbersAcrossTheWrap() {
        SentPackets sent = new SentPackets();
        for (long s = 65_530; s < 65_542; s++) {
            sent.record(s & 0xFFFF, 1000 + (int) s, s * 10);
        }
        assertEquals(65_536 + 3, sent.unwrap(3));
        assertEquals(65_533, sent.unwrap(65_533));
        int slot = sent.find(sent.unwrap(3));
        assertEquals((65_536 + 3) * 10, sent.sendTimeUs(slot));
        assertEquals(1000 + 65_539, sent.size(slot));
        assertEquals(-1, sent.find(sent.unwrap(10))); // not sent yet
    }

    @Test
    void aWideCounterWorksTheSame() {
        SentPackets sent = new SentPackets();
        sent.record(3 * 65_536L + 7, 1200, 42);
        sent.record(3 * 65_536L + 8, 1200, 43);
        assertEquals(43, sent.sendTimeUs(sent.find(sent.unwrap(8))));
    }

    @Test
    void forgetsPacketsOlderThanTheRing() {
        SentPackets sent = new SentPackets();
        for (long s = 0; s < SentPackets.CAPACITY + 10; s++) {
            sent.record(s, 1200, s);
        }
        assertEquals(-1, sent.find(5));
        assertTrue(sent.find(10) >= 0);
    }

    @Test
    void aPacketIsMarkedReceivedUntilItsSlotIsReused() {
        SentPackets sent = new SentPackets();
        sent.record(1, 1200, 0);
        int slot = sent.find(1);
        assertFalse(sent.isReceived(slot));
        sent.markReceived(slot);
        assertTrue(sent.isReceived(slot));
        sent.record(1 + SentPackets.CAPACITY, 1200, 5); // the slot is reused: fresh state
        assertFalse(sent.isReceived(sent.find(1 + SentPackets.CAPACITY)));
    }
}
