package dev.beam.media.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DuplicateFilterTest {
    private final DuplicateFilter filter = new DuplicateFilter();

    @Test
    void eachNumberPassesOnceInOrderOrNot() {
        assertTrue(filter.firstCopy(100));
        assertTrue(filter.firstCopy(102));
        assertTrue(filter.firstCopy(101), "reordered, not seen yet");
        assertFalse(filter.firstCopy(101), "a duplicate");
        assertFalse(filter.firstCopy(102));
        assertTrue(filter.firstCopy(103));
        assertEquals(0, filter.epoch());
    }

    @Test
    void numbersWrapAroundTheSixteenBitSpace() {
        assertTrue(filter.firstCopy(65534));
        assertTrue(filter.firstCopy(65535));
        assertTrue(filter.firstCopy(0));
        assertTrue(filter.firstCopy(1));
        assertFalse(filter.firstCopy(65535), "seen before the wrap");
        assertFalse(filter.firstCopy(0));
    }

    @Test
    void aForwardJumpForgetsTheNumbersItSkipsOver() {
        filter.firstCopy(10);
        assertTrue(filter.firstCopy(10 + 3 * DuplicateFilter.WINDOW));
        assertTrue(filter.firstCopy(11 + 2 * DuplicateFilter.WINDOW + 1), "inside the window, never seen");
        assertFalse(filter.firstCopy(10), "older than the window: refused");
    }

    @Test
    void twoConsecutiveNumbersFarBelowTheWindowAreARestartAndStartANewEpoch() {
        for (int seq = 30_000; seq < 30_100; seq++) {
            filter.firstCopy(seq);
        }
        assertFalse(filter.firstCopy(5), "one stray old packet is refused");
        assertFalse(filter.firstCopy(500), "not the next one: still strays");
        assertTrue(filter.firstCopy(501), "the next one after it: the sender restarted");
        assertEquals(1, filter.epoch());
        assertTrue(filter.firstCopy(502));
        assertTrue(filter.firstCopy(500), "the restart's first packet is new in the new epoch");
    }
}
