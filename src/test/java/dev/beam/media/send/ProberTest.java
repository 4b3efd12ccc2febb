package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Probing up to the next layer's rate: when, how much, and backing off when it finds nothing. */
class ProberTest {
    private static final long MS = 1_000_000;
    private final Prober prober = new Prober();

    /**
     * Media packets of 625 bytes every 10 ms (500 kbit/s) for {@code millis}, each a frame, each followed by the
     * probes due; the probe bytes sent.
     */
    private long run(long fromMillis, long millis, long target, long estimate) {
        return run(fromMillis, millis, target, estimate, 625);
    }

    private long run(long fromMillis, long millis, long target, long estimate, int mediaBytes) {
        long bytes = 0;
        for (long t = fromMillis; t < fromMillis + millis; t += 10) {
            prober.mediaSent(mediaBytes, true);
            while (prober.wantsPacket(t * MS, target, estimate, false)) {
                prober.sent(1000);
                bytes += 1000;
            }
        }
        return bytes;
    }

    @Test
    void probesUpToTheTargetAfterTheFirstIntervalForTheProbeTime() {
        assertEquals(0, run(0, Prober.FIRST_INTERVAL_MILLIS, 2_000_000, 700_000), "not at once");
        long bytes = run(Prober.FIRST_INTERVAL_MILLIS, 1000, 2_000_000, 700_000);
        // 1.5 Mbit/s on top of the 500 kbit/s sent: about 187 kB a second.
        assertTrue(bytes > 150_000 && bytes < 200_000, "probe bytes " + bytes);
        long end = Prober.FIRST_INTERVAL_MILLIS + Prober.PROBE_MILLIS;
        assertTrue(run(Prober.FIRST_INTERVAL_MILLIS + 1000, Prober.PROBE_MILLIS - 1000, 2_000_000, 700_000) > 0);
        assertEquals(0, run(end, 10, 2_000_000, 700_000));
        assertFalse(prober.probing(), "ends after the probe time");
    }

    @Test
    void aFailedProbeDoublesTheWaitAndASuccessEndsItAtOnce() {
        run(0, Prober.FIRST_INTERVAL_MILLIS + Prober.PROBE_MILLIS, 2_000_000, 700_000);
        long next = Prober.FIRST_INTERVAL_MILLIS + Prober.PROBE_MILLIS;
        assertEquals(0, run(next, 2 * Prober.FIRST_INTERVAL_MILLIS - 10, 2_000_000, 700_000), "waits twice as long");
        next += 2 * Prober.FIRST_INTERVAL_MILLIS;
        assertTrue(run(next, 100, 2_000_000, 700_000) > 0);
        assertTrue(prober.probing());
        assertEquals(0, run(next + 100, 10, 2_000_000, 1_800_000), "the estimate got there, as far as a success goes");
        assertFalse(prober.probing());
        long again = next + 100 + Prober.FIRST_INTERVAL_MILLIS;
        assertTrue(run(again, 100, 3_000_000, 1_800_000) > 0, "found: the next probe comes after the first interval");
    }

    @Test
    void aProbeIsJudgedByTheTargetItStartedWith() {
        run(0, Prober.FIRST_INTERVAL_MILLIS + 100, 800_000, 200_000);
        assertTrue(prober.probing(), "probing for the middle layer");
        long at = Prober.FIRST_INTERVAL_MILLIS + 2100;
        // It found it: the viewer's choice moved up, and with it the target, to the top layer's.
        assertEquals(0, run(at, 10, 2_400_000, 730_000));
        assertFalse(prober.probing(), "ended as found, not carried on toward the new target and failed");
        assertEquals(0, run(at + 10, Prober.FIRST_INTERVAL_MILLIS - 20, 2_400_000, 730_000));
        assertTrue(run(at + Prober.FIRST_INTERVAL_MILLIS, 100, 2_400_000, 730_000) > 0,
                "the probe for the top layer after the first interval");
    }

    @Test
    void congestionEndsAProbeAtOnce() {
        run(0, Prober.FIRST_INTERVAL_MILLIS + 100, 2_000_000, 700_000);
        assertTrue(prober.probing());
        long at = (Prober.FIRST_INTERVAL_MILLIS + 110) * MS;
        assertFalse(prober.wantsPacket(at, 2_000_000, 600_000, true));
        assertFalse(prober.probing());
    }

    @Test
    void nothingToProbeForSendsNothingAndBurstsAreSmall() {
        assertEquals(0, run(0, 10_000, 0, 700_000));
        Prober fresh = new Prober();
        fresh.wantsPacket(0, 20_000_000, 100_000, false);
        long now = Prober.FIRST_INTERVAL_MILLIS * MS;
        fresh.wantsPacket(now, 20_000_000, 100_000, false);
        fresh.mediaSent(1000, true);
        int burst = 0;
        while (fresh.wantsPacket(now + 100 * MS, 20_000_000, 100_000, false)) {
            fresh.sent(100);
            burst++;
        }
        assertEquals(Prober.MAX_BURST, burst);
    }

    @Test
    void theProbeTopsUpTheMediaSentDuringItToItsTarget() {
        run(0, Prober.FIRST_INTERVAL_MILLIS + 10, 2_000_000, 700_000);
        assertTrue(prober.probing());
        // A 60 kB keyframe: the probe sends that much less, then tops up as before.
        prober.mediaSent(60_000, true);
        long first = run(Prober.FIRST_INTERVAL_MILLIS + 10, 1000, 2_000_000, 700_000);
        assertTrue(first > 122_000 && first < 130_000, "250 kB in a second, less 62.5 kB of media and the keyframe: "
                + first);
        long second = run(Prober.FIRST_INTERVAL_MILLIS + 1010, 1000, 2_000_000, 700_000);
        assertTrue(second > 180_000 && second < 195_000, "2 Mbit/s in all: 187.5 kB of probe a second, got " + second);

        // Media that fell to 100 kbit/s (125 B every 10 ms) gets more probe, the total staying at the target.
        long more = run(Prober.FIRST_INTERVAL_MILLIS + 2010, 500, 2_000_000, 700_000, 125);
        assertTrue(more > 115_000 && more < 120_000, "half a second of 1.9 Mbit/s: 118.75 kB, got " + more);
    }

    @Test
    void mediaOverTheTargetHoldsTheProbeBackForAQuarterSecondAtMost() {
        run(0, Prober.FIRST_INTERVAL_MILLIS + 10, 2_000_000, 700_000);
        assertTrue(prober.probing());
        prober.mediaSent(1_000_000, true); // far more than the probe could ever make up for
        long from = Prober.FIRST_INTERVAL_MILLIS + 10;
        assertEquals(0, run(from, Prober.MAX_DEBT_MILLIS - 50, 2_000_000, 700_000, 0), "held back");
        assertTrue(run(from + Prober.MAX_DEBT_MILLIS, 100, 2_000_000, 700_000, 0) > 0, "then probes again");
    }

    @Test
    void probePacketsGoOnlyAfterAFramesLastPacket() {
        run(0, Prober.FIRST_INTERVAL_MILLIS + 10, 2_000_000, 700_000);
        assertTrue(prober.probing());
        long at = Prober.FIRST_INTERVAL_MILLIS + 10;
        // A frame of five packets a millisecond apart: nothing between them, all that is due after the last.
        for (int i = 0; i < 4; i++) {
            prober.mediaSent(1000, false);
            assertFalse(prober.wantsPacket((at + i) * MS, 2_000_000, 700_000, false), "packet " + i);
        }
        prober.mediaSent(1000, true);
        int burst = 0;
        while (prober.wantsPacket((at + 40) * MS, 2_000_000, 700_000, false)) {
            prober.sent(1000);
            burst++;
        }
        // 50 ms since the probe began, at 2 Mbit/s: 12.5 kB, less the frame's 5 kB; the last packet goes over.
        assertEquals(8, burst);
    }

    @Test
    void mediaBeforeAProbeDoesNotCount() {
        prober.mediaSent(1_000_000, true);
        assertTrue(run(0, Prober.FIRST_INTERVAL_MILLIS + 100, 2_000_000, 700_000) > 0);
    }
}
