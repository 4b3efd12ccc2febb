package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Probing up to the next layer's rate: when, how much, and backing off when it finds nothing. */
class ProberTest {
    private static final long MS = 1_000_000;
    private final Prober prober = new Prober();

    /** Media packets every 10 ms for {@code millis}, each followed by the probes due; the probe bytes sent. */
    private long run(long fromMillis, long millis, long target, long estimate) {
        long bytes = 0;
        for (long t = fromMillis; t < fromMillis + millis; t += 10) {
            while (prober.wantsPacket(t * MS, target, () -> 500_000, estimate, false)) {
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
    void congestionEndsAProbeAtOnce() {
        run(0, Prober.FIRST_INTERVAL_MILLIS + 100, 2_000_000, 700_000);
        assertTrue(prober.probing());
        long at = (Prober.FIRST_INTERVAL_MILLIS + 110) * MS;
        assertFalse(prober.wantsPacket(at, 2_000_000, () -> 500_000, 600_000, true));
        assertFalse(prober.probing());
    }

    @Test
    void nothingToProbeForSendsNothingAndBurstsAreSmall() {
        assertEquals(0, run(0, 10_000, 0, 700_000));
        Prober fresh = new Prober();
        fresh.wantsPacket(0, 20_000_000, () -> 0, 100_000, false);
        long now = Prober.FIRST_INTERVAL_MILLIS * MS;
        fresh.wantsPacket(now, 20_000_000, () -> 0, 100_000, false);
        int burst = 0;
        while (fresh.wantsPacket(now + 100 * MS, 20_000_000, () -> 0, 100_000, false)) {
            fresh.sent(100);
            burst++;
        }
        assertEquals(Prober.MAX_BURST, burst);
    }
}
