package dev.beam.media.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** §5.2–§5.4: groups, the trendline and the over-use detector on synthetic arrivals. */
class DelayDetectionTest {
    @Test
    void groupsPacketsSentWithinFiveMilliseconds() {
        ArrivalGroups g = new ArrivalGroups();
        assertFalse(g.onPacket(0, 50_000));
        assertFalse(g.onPacket(2_000, 51_000));
        assertFalse(g.onPacket(5_000, 52_000));      // still the first group (<= 5 ms)
        assertFalse(g.onPacket(10_000, 61_000));     // second group begins; no predecessor yet
        assertFalse(g.onPacket(12_000, 64_000));
        assertTrue(g.onPacket(20_000, 70_000));      // third group completes the second
        assertEquals(7_000, g.sendDeltaUs());        // 12 ms - 5 ms
        assertEquals(12_000 - 7_000, g.delayVariationUs()); // arrivals 64 - 52 = 12 ms
        assertEquals(64_000, g.arrivalUs());
        assertFalse(g.onPacket(15_000, 90_000));     // sent before the current group: ignored
    }

    @Test
    void aClockJumpIsNotQueuing() {
        ArrivalGroups g = new ArrivalGroups();
        g.onPacket(0, 0);
        g.onPacket(10_000, 10_000);
        assertTrue(g.onPacket(20_000, 20_000));
        g.onPacket(30_000, 5_000_000);
        assertFalse(g.onPacket(40_000, 5_010_000)); // the 4.97 s jump is dropped
        assertTrue(g.onPacket(50_000, 5_020_000));
        assertEquals(0, g.delayVariationUs());
    }

    @Test
    void constantDelayIsNormalGrowingIsOveruseShrinkingIsUnderuse() {
        Detection d = new Detection();
        assertEquals(BandwidthUsage.NORMAL, d.run(40, 0));
        assertEquals(BandwidthUsage.OVERUSE, d.run(20, 1_000));   // +1 ms a group
        assertEquals(BandwidthUsage.UNDERUSE, d.run(20, -1_500)); // the queue drains
        assertEquals(BandwidthUsage.NORMAL, d.run(60, 0));
    }

    @Test
    void jitterWithoutATrendIsNotOveruse() {
        Detection d = new Detection();
        for (int i = 0; i < 200; i++) {
            assertTrue(d.run(1, i % 2 == 0 ? 3_000 : -3_000) != BandwidthUsage.OVERUSE, "group " + i);
        }
    }

    @Test
    void theThresholdFollowsTheTrendButNotItsOutliers() {
        Detection d = new Detection();
        d.run(400, 0);
        assertEquals(OveruseDetector.MIN_THRESHOLD, d.detector.threshold(), 1e-9); // quiet path
        OveruseDetector detector = new OveruseDetector();
        for (long t = 0; t < 10_000_000; t += 10_000) {
            detector.detect(t % 20_000 == 0 ? 20 : -20, 0, 10_000, t); // a noisy path
        }
        assertEquals(20, detector.threshold(), 0.1);
        for (long t = 10_000_000; t < 20_000_000; t += 10_000) {
            detector.detect(t % 20_000 == 0 ? 2_000 : -2_000, 0, 10_000, t); // outliers
        }
        assertEquals(20, detector.threshold(), 0.1);
        for (long t = 20_000_000; t < 40_000_000; t += 10_000) {
            detector.detect(t % 20_000 == 0 ? 30 : -30, 0, 10_000, t);
        }
        assertEquals(30, detector.threshold(), 0.1);
    }

    /** One group every 10 ms through the trendline and the detector. */
    private static final class Detection {
        final TrendlineFilter trendline = new TrendlineFilter();
        final OveruseDetector detector = new OveruseDetector();
        long arrivalUs;

        BandwidthUsage run(int groups, long variationUs) {
            for (int i = 0; i < groups; i++) {
                arrivalUs += 10_000 + variationUs;
                double m = trendline.update(variationUs, arrivalUs);
                detector.detect(m, trendline.trend(), 10_000, arrivalUs);
            }
            return detector.usage();
        }
    }
}
