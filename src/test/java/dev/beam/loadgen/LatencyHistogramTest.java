package dev.beam.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinThreePercentOfTheTruth() {
        LatencyHistogram h = new LatencyHistogram();
        for (int us = 1; us <= 10_000; us++) {
            h.record(us * 1000L);
        }
        assertEquals(10_000, h.count());
        assertWithin(5_000, h.percentileMicros(0.50));
        assertWithin(9_900, h.percentileMicros(0.99));
        assertEquals(10_000, h.maxMicros());
        assertEquals(10_000, h.percentileMicros(1.0), "never above the maximum seen");
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(3_999);
        h.record(17_000);
        assertEquals(3, h.percentileMicros(0.5));
        assertEquals(17, h.percentileMicros(0.99));
    }

    @Test
    void bucketsTileTheRangeWithoutGaps() {
        for (long us = 0; us < 1_000_000; us += 7) {
            int i = LatencyHistogram.index(us);
            assertTrue(us <= LatencyHistogram.upperBound(i), us + " in bucket " + i);
            assertTrue(i == 0 || us > LatencyHistogram.upperBound(i - 1), us + " above bucket " + (i - 1));
        }
        assertTrue(LatencyHistogram.index(Long.MAX_VALUE / 1000) > 0, "huge values land in the last bucket");
    }

    @Test
    void mergingAddsCounts() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(1_000_000);
        b.record(2_000_000);
        b.record(3_000_000);
        a.add(b);
        assertEquals(3, a.count());
        assertEquals(3_000, a.maxMicros());
        assertWithin(2_000, a.percentileMicros(0.5));
        assertEquals(0, new LatencyHistogram().percentileMicros(0.5), "empty");
    }

    private static void assertWithin(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected * 0.03, actual + " vs " + expected);
    }
}
