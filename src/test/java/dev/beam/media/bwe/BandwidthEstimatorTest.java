package dev.beam.media.bwe;

import static dev.beam.media.bwe.BandwidthEstimator.Reason.DECREASING_DELAY;
import static dev.beam.media.bwe.BandwidthEstimator.Reason.DECREASING_LOSS;
import static dev.beam.media.bwe.BandwidthEstimator.Reason.INCREASING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.rtp.TransportCcRecorder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole estimator on a simulated path, fed real transport-cc feedback bytes. */
class BandwidthEstimatorTest {
    private static final long CAPACITY = 2_500_000;

    @Test
    void convergesOnASteadyLinkAndStaysThere() {
        LinkSimulation sim = new LinkSimulation(CAPACITY, 1).runUntil(60);
        assertTrue(sim.maxEstimate(0, 20) > 0.9 * CAPACITY, "reaches the capacity from 1 Mbit/s");
        assertTrue(sim.minEstimate(20, 60) > 0.75 * CAPACITY, "min " + sim.minEstimate(20, 60));
        assertTrue(sim.maxEstimate(20, 60) < 1.1 * CAPACITY, "max " + sim.maxEstimate(20, 60));
        assertFalse(sim.sawReason(DECREASING_LOSS, 0, 60));
    }

    @Test
    void followsTheLinkDownToThirtyPercentWithinTwoSeconds() {
        LinkSimulation sim = new LinkSimulation(CAPACITY, 2).runUntil(30);
        long low = CAPACITY * 3 / 10;
        sim.capacityBps = low;
        sim.runUntil(60);
        double after = sim.firstBelow(low, 30) - 30;
        assertTrue(after < 2.0, "below the new capacity after " + after + " s");
        assertTrue(sim.sawReason(DECREASING_DELAY, 30, 32));
        assertTrue(sim.maxEstimate(35, 60) < 1.15 * low, "max " + sim.maxEstimate(35, 60));
        assertTrue(sim.minEstimate(35, 60) > 0.6 * low, "min " + sim.minEstimate(35, 60));
    }

    @Test
    void climbsBackWhenTheCapacityReturns() {
        LinkSimulation sim = new LinkSimulation(CAPACITY, 3).runUntil(30);
        sim.capacityBps = CAPACITY * 3 / 10;
        sim.runUntil(50);
        sim.capacityBps = CAPACITY;
        sim.runUntil(80);
        assertTrue(sim.maxEstimate(50, 70) > 0.75 * CAPACITY, "max " + sim.maxEstimate(50, 70));
        assertTrue(sim.minEstimate(70, 80) > 0.6 * CAPACITY, "min " + sim.minEstimate(70, 80));
    }

    @Test
    void aLossBurstLowersTheLossBasedEstimateWhichRecoversAfter() {
        LinkSimulation sim = new LinkSimulation(CAPACITY, 4).runUntil(30);
        long before = sim.estimateBps();
        sim.lossProbability = 0.2;
        sim.runUntil(32);
        sim.lossProbability = 0;
        sim.runUntil(50);
        assertTrue(sim.sawReason(DECREASING_LOSS, 30, 32.5));
        long during = sim.minEstimate(30, 33);
        assertTrue(during < 0.8 * before, "during " + during + " before " + before);
        assertTrue(during > 0.3 * before, "one burst is not a collapse: " + during);
        assertTrue(sim.maxEstimate(40, 50) > 0.9 * before, "after " + sim.maxEstimate(40, 50));
    }

    /** §6: between 2 and 10 % loss the loss-based estimate holds, so it can't climb as on a clean link. */
    @Test
    void moderateRandomLossHoldsTheEstimateWithoutCollapsingIt() {
        LinkSimulation sim = new LinkSimulation(CAPACITY, 5);
        sim.lossProbability = 0.05;
        sim.runUntil(30);
        assertTrue(sim.maxEstimate(0, 30) < 0.8 * CAPACITY, "max " + sim.maxEstimate(0, 30));
        assertTrue(sim.minEstimate(0, 30) > 600_000, "min " + sim.minEstimate(0, 30));
    }

    @Test
    void anIdleSenderDoesNotLetTheEstimateRunAway() {
        LinkSimulation sim = new LinkSimulation(CAPACITY, 6);
        sim.senderMaxBps = 500_000;
        sim.runUntil(30);
        assertTrue(sim.maxEstimate(0, 30) <= 1_100_000, "max " + sim.maxEstimate(0, 30));
    }

    /**
     * A fixed trace: 80 packets of 1200 bytes sent every 10 ms, reported in eight feedbacks of
     * ten. Each has a run length chunk 0x200A (ten small deltas); the first four show a constant
     * 10 ms between arrivals (0x28), the last four 12 ms (0x30): the queue grows by 2 ms a packet.
     */
    private static final String[] GROWING_DELAY = {
        "8fcd0007 00000001 00000002 0000000a 00000f00 200a a0 282828282828282828",
        "8fcd0007 00000001 00000002 000a000a 00001101 200a 30 282828282828282828",
        "8fcd0007 00000001 00000002 0014000a 00001202 200a c0 282828282828282828",
        "8fcd0007 00000001 00000002 001e000a 00001403 200a 50 282828282828282828",
        "8fcd0007 00000001 00000002 0028000a 00001504 200a e8 303030303030303030",
        "8fcd0007 00000001 00000002 0032000a 00001705 200a c8 303030303030303030",
        "8fcd0007 00000001 00000002 003c000a 00001906 200a a8 303030303030303030",
        "8fcd0007 00000001 00000002 0046000a 00001b07 200a 88 303030303030303030",
    };

    @Test
    void aRecordedTraceOfGrowingDelayIsOveruse() {
        BandwidthEstimator bwe = new BandwidthEstimator(100_000, 1_000_000, 20_000_000);
        List<BandwidthEstimator.Reason> reasons = new ArrayList<>();
        for (int k = 0; k < GROWING_DELAY.length; k++) {
            for (int i = 10 * k; i < 10 * k + 10; i++) {
                bwe.onPacketSent(i, 1200, 10_000L * i);
            }
            byte[] fb = HexFormat.of().parseHex(GROWING_DELAY[k].replace(" ", ""));
            assertTrue(bwe.onFeedback(fb, 0, fb.length, 10_000L * (10 * k + 9) + 50_000));
            reasons.add(bwe.reason());
        }
        assertEquals(List.of(INCREASING, INCREASING, INCREASING, INCREASING), reasons.subList(0, 4));
        assertTrue(reasons.subList(4, 8).contains(DECREASING_DELAY), reasons.toString());
        // 1200 bytes per 10..12 ms is 800..960 kbit/s acknowledged; 0.85 of that
        assertTrue(bwe.estimateBps() >= 0.85 * 800_000 - 1 && bwe.estimateBps() <= 0.85 * 960_000,
                "estimate " + bwe.estimateBps());
        assertEquals(0.0, bwe.lossFraction());
    }

    @Test
    void aRepeatedFeedbackCountsOnce() {
        BandwidthEstimator once = new BandwidthEstimator(100_000, 1_000_000, 20_000_000);
        BandwidthEstimator twice = new BandwidthEstimator(100_000, 1_000_000, 20_000_000);
        for (int k = 0; k < GROWING_DELAY.length; k++) {
            byte[] fb = HexFormat.of().parseHex(GROWING_DELAY[k].replace(" ", ""));
            long now = 10_000L * (10 * k + 9) + 50_000;
            for (int i = 10 * k; i < 10 * k + 10; i++) {
                once.onPacketSent(i, 1200, 10_000L * i);
                twice.onPacketSent(i, 1200, 10_000L * i);
            }
            once.onFeedback(fb, 0, fb.length, now);
            twice.onFeedback(fb, 0, fb.length, now);
            twice.onFeedback(fb, 0, fb.length, now + 1);
            assertEquals(once.acknowledgedBps(), twice.acknowledgedBps());
        }
        assertEquals(once.estimateBps(), twice.estimateBps());
    }

    @Test
    void theReferenceTimesWrapIsNotAJump() {
        BandwidthEstimator bwe = new BandwidthEstimator(100_000, 1_000_000, 20_000_000);
        TransportCcRecorder viewer = new TransportCcRecorder();
        long wrapUs = (1L << 24) * 64_000; // the 24-bit reference time rolls over here
        long arrivalBase = wrapUs - 3_000_000;
        byte[] buf = new byte[1200];
        long seq = 65_000; // and the sequence numbers wrap too
        for (long t = 0; t < 6_000_000; t += 10_000) {
            bwe.onPacketSent(seq, 1200, t);
            viewer.record((int) (seq & 0xFFFF), arrivalBase + t + 20_000);
            seq++;
            if (t % 100_000 == 90_000) {
                int len = viewer.writeFeedback(buf, 0, 1, 2);
                assertTrue(bwe.onFeedback(buf, 0, len, t + 40_000));
                assertEquals(INCREASING, bwe.reason(), "at " + t);
            }
        }
        assertTrue(bwe.acknowledgedBps() > 900_000 && bwe.acknowledgedBps() < 1_000_000);
        assertTrue(bwe.estimateBps() > 1_000_000);
    }

    @Test
    void malformedOrUnrelatedFeedbackChangesNothing() {
        BandwidthEstimator bwe = new BandwidthEstimator(100_000, 1_000_000, 20_000_000);
        byte[] fb = HexFormat.of().parseHex(GROWING_DELAY[0].replace(" ", ""));
        assertFalse(bwe.onFeedback(fb, 0, 24, 0)); // deltas cut off
        byte[] rr = HexFormat.of().parseHex("80c9000100000001"); // an empty receiver report
        assertFalse(bwe.onFeedback(rr, 0, rr.length, 0));
        assertTrue(bwe.onFeedback(fb, 0, fb.length, 0)); // well formed, but nothing was sent
        assertEquals(1_000_000, bwe.estimateBps());
        assertEquals(-1, bwe.acknowledgedBps());
        assertThrows(IllegalArgumentException.class, () -> new BandwidthEstimator(0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new BandwidthEstimator(10, 5, 20));
    }
}
