package dev.beam.media.bwe;

import static dev.beam.media.bwe.BandwidthUsage.NORMAL;
import static dev.beam.media.bwe.BandwidthUsage.OVERUSE;
import static dev.beam.media.bwe.BandwidthUsage.UNDERUSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** §5.5 AIMD, §6 loss-based control and the acknowledged rate, with time passed in. */
class RateControlTest {
    private static final long MIN = 100_000;
    private static final long MAX = 20_000_000;

    @Test
    void increasesEightPercentASecondFarFromCongestion() {
        AimdRateControl aimd = new AimdRateControl(MIN, 1_000_000, MAX);
        for (long t = 0; t <= 1_000_000; t += 100_000) {
            aimd.update(NORMAL, -1, t);
        }
        assertEquals(1_080_000, aimd.rateBps(), 2_000);
        assertEquals(AimdRateControl.State.INCREASE, aimd.state());
    }

    @Test
    void decreasesToEightyFivePercentOfTheAcknowledgedRateThenHolds() {
        AimdRateControl aimd = new AimdRateControl(MIN, 2_000_000, MAX);
        aimd.update(NORMAL, 1_900_000, 0);
        assertEquals((long) (0.85 * 1_500_000), aimd.update(OVERUSE, 1_500_000, 100_000));
        assertEquals(AimdRateControl.State.HOLD, aimd.state());
        long held = aimd.rateBps();
        assertEquals(held, aimd.update(OVERUSE, 1_400_000, 150_000)); // within the RTT: once
        assertEquals(held, aimd.update(UNDERUSE, 1_200_000, 300_000)); // draining: hold
        // Hold -> Increase, near the congestion point: additive, one 1200-byte packet per 200 ms
        // response time (RTT 100 ms + 100 ms), i.e. 48 kbit/s a second
        assertEquals(held + 4_800, aimd.update(NORMAL, 1_200_000, 400_000));
        assertEquals(held + 52_800, aimd.update(NORMAL, 1_200_000, 1_400_000));
    }

    @Test
    void aLongerRoundTripSlowsTheAdditiveIncreaseAndSpacesDecreases() {
        AimdRateControl aimd = new AimdRateControl(MIN, 2_000_000, MAX);
        aimd.setRoundTripTime(400_000);
        aimd.update(OVERUSE, 1_000_000, 0);
        assertEquals(850_000, aimd.update(OVERUSE, 900_000, 150_000)); // < min(RTT, 200 ms) later
        assertEquals(765_000, aimd.update(OVERUSE, 900_000, 200_000));
        long start = aimd.update(NORMAL, 900_000, 300_000);
        // one second later: 9600 bits per (400 + 100) ms
        assertEquals(start + 19_200, aimd.update(NORMAL, 900_000, 1_300_000), 1);
    }

    @Test
    void neverGrowsFarPastWhatIsAcknowledged() {
        AimdRateControl aimd = new AimdRateControl(MIN, 1_000_000, MAX);
        for (long t = 0; t < 30_000_000; t += 100_000) {
            aimd.update(NORMAL, 300_000, t);
        }
        assertEquals(1_000_000, aimd.rateBps()); // 1.5 x 300 k + 10 k is below: no increase
        aimd = new AimdRateControl(MIN, 200_000, MAX);
        for (long t = 0; t < 30_000_000; t += 100_000) {
            aimd.update(NORMAL, 300_000, t);
        }
        assertEquals(460_000, aimd.rateBps());
    }

    @Test
    void staysWithinItsBounds() {
        AimdRateControl aimd = new AimdRateControl(MIN, 150_000, 200_000);
        for (long t = 0; t < 5_000_000; t += 100_000) {
            aimd.update(OVERUSE, 10_000, t);
        }
        assertEquals(MIN, aimd.rateBps());
        for (long t = 5_000_000; t < 60_000_000; t += 100_000) {
            aimd.update(NORMAL, 10_000_000, t);
        }
        assertEquals(200_000, aimd.rateBps());
    }

    @Test
    void lossBasedFollowsTheDraftsThreeBands() {
        LossBasedControl loss = new LossBasedControl(1_000_000);
        loss.update(1_000_000, 100_000, 0);
        report(loss, 100, 1);   // 1 %: increase, at most 8 % above the estimate in force
        assertEquals(1_000_000 * Math.pow(1.08, 0.5) + 1000, loss.update(1_000_000, 100_000, 500_000), 1);
        report(loss, 100, 5);   // 5 %: hold
        long held = loss.update(1_000_000, 100_000, 1_000_000);
        assertEquals(1_040_230, held, 1);
        assertTrue(loss.holding());
        report(loss, 100, 30);  // 30 %: estimate x (1 - 0.15)
        assertEquals(850_000, loss.update(1_000_000, 100_000, 1_500_000));
        assertEquals(0.3, loss.lossFraction(), 1e-9);
        report(loss, 100, 30);  // again 500 ms later: not within 300 ms + RTT of the last cut
        assertEquals(722_500, loss.update(850_000, 100_000, 2_000_000));
    }

    @Test
    void lossIsPooledUntilThereIsEnoughOfIt() {
        LossBasedControl loss = new LossBasedControl(1_000_000);
        loss.update(1_000_000, 100_000, 0);
        report(loss, 10, 5);
        assertEquals(1_000_000, loss.update(1_000_000, 100_000, 600_000)); // 10 packets: too few
        report(loss, 10, 0);
        assertEquals(875_000, loss.update(1_000_000, 100_000, 650_000)); // 20, 25 % lost: x (1 - 0.125)
        report(loss, 40, 0);
        assertEquals(875_000, loss.update(875_000, 100_000, 700_000)); // 40, but only 50 ms later
    }

    @Test
    void acknowledgedBitrateIsWhatArrivedInTheLastHalfSecond() {
        AcknowledgedBitrate acked = new AcknowledgedBitrate();
        for (long t = 0; t < 400_000; t += 10_000) {
            acked.onPacket(t, 1250); // 1 Mbit/s
        }
        assertEquals(-1, acked.bitrateBps()); // less than a window seen
        for (long t = 400_000; t < 2_000_000; t += 10_000) {
            acked.onPacket(t, 1250);
        }
        assertEquals(1_000_000, acked.bitrateBps(), 20_000);
        for (long t = 2_000_000; t < 3_000_000; t += 20_000) {
            acked.onPacket(t, 1250); // halves
        }
        assertEquals(500_000, acked.bitrateBps(), 20_000);
        for (long t = 3_000_000; t < 3_100_000; t += 10) {
            acked.onPacket(t, 100); // more packets than the ring holds in the window
        }
        assertEquals(80_000_000, acked.bitrateBps(), 1_000_000);
    }

    private static void report(LossBasedControl loss, int statuses, int lost) {
        for (int i = 0; i < statuses; i++) {
            loss.onStatus(i >= lost);
        }
    }
}
