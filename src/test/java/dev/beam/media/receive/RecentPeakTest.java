package dev.beam.media.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The highest rate of the last five seconds: kept through a dip, forgotten after. */
class RecentPeakTest {
    private static final long S = 1_000_000_000L;
    private final RecentPeak peak = new RecentPeak();

    @Test
    void aDipDoesNotLowerItForFiveSecondsBelowAQuarterUnder() {
        assertEquals(460_000, peak.offer(460_000, 10 * S));
        assertEquals(460_000, peak.offer(440_000, 11 * S));
        assertEquals(460_000, peak.offer(380_000, 12 * S), "an encoder short of CPU for a moment");
        assertEquals(362_500, peak.offer(290_000, 13 * S), "a quarter over what it carries now at most");
        assertEquals(400_000, peak.offer(400_000, 17 * S), "seconds 10 to 12 are past");
    }

    @Test
    void aKeyframesBurstCountsOnlyAQuarterOverTheRateNow() {
        peak.offer(3_000_000, 10 * S);
        assertEquals(2_125_000, peak.offer(1_700_000, 11 * S));
    }

    @Test
    void aLongGapForgetsEverything() {
        peak.offer(2_000_000, 3 * S);
        assertEquals(100_000, peak.offer(100_000, 60 * S));
    }
}
