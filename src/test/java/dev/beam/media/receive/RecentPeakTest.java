package dev.beam.media.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The highest rate of the last five seconds: kept through a dip, forgotten after. */
class RecentPeakTest {
    private static final long S = 1_000_000_000L;
    private final RecentPeak peak = new RecentPeak();

    @Test
    void aDipDoesNotLowerItForFiveSeconds() {
        assertEquals(460_000, peak.offer(460_000, 10 * S));
        assertEquals(460_000, peak.offer(290_000, 11 * S), "an encoder short of CPU for a moment");
        assertEquals(460_000, peak.offer(300_000, 14 * S + S / 2));
        assertEquals(300_000, peak.offer(280_000, 15 * S), "the 460 kbit/s of second 10 is past");
        assertEquals(500_000, peak.offer(500_000, 15 * S + S / 2));
    }

    @Test
    void aLongGapForgetsEverything() {
        peak.offer(2_000_000, 3 * S);
        assertEquals(100_000, peak.offer(100_000, 60 * S));
    }
}
