package dev.beam.media.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframeRequesterTest {
    private final FakeClock clock = new FakeClock();
    private final List<String> sent = new ArrayList<>();

    private KeyframeRequester requester(boolean firOnly) {
        return new KeyframeRequester(clock, firOnly,
                (ssrc, fir, seq) -> sent.add(ssrc + (fir ? " FIR " + seq : " PLI")));
    }

    @Test
    void absorbsRequestsWithinTheIntervalAndSendsAfterIt() {
        KeyframeRequester k = requester(false);
        assertTrue(k.request(1));
        clock.elapse(Duration.ofMillis(299));
        assertFalse(k.request(1));
        assertFalse(k.request(1));
        clock.elapse(Duration.ofMillis(1)); // exactly 300 ms after the last sent one
        assertTrue(k.request(1));
        assertEquals(List.of("1 PLI", "1 PLI"), sent);
    }

    @Test
    void absorbedRequestsDoNotExtendTheInterval() {
        KeyframeRequester k = requester(false);
        k.request(1);
        clock.elapse(Duration.ofMillis(200));
        k.request(1);
        clock.elapse(Duration.ofMillis(100));
        assertTrue(k.request(1));
    }

    @Test
    void ssrcsAreThrottledIndependently() {
        KeyframeRequester k = requester(false);
        assertTrue(k.request(1));
        assertTrue(k.request(2));
        assertFalse(k.request(1));
        assertFalse(k.request(2));
        assertEquals(List.of("1 PLI", "2 PLI"), sent);
    }

    @Test
    void firSequenceAdvancesOnlyOnSentFirsPerSsrc() {
        KeyframeRequester k = requester(true);
        k.request(1);               // seq 0
        k.request(1);               // absorbed: no new seq
        k.request(2);               // other SSRC starts at 0
        clock.elapse(Duration.ofMillis(300));
        k.request(1);               // seq 1
        assertEquals(List.of("1 FIR 0", "2 FIR 0", "1 FIR 1"), sent);
    }

    @Test
    void firSequenceWrapsAt256() {
        KeyframeRequester k = requester(true);
        for (int i = 0; i < 257; i++) {
            k.request(9);
            clock.elapse(Duration.ofMillis(300));
        }
        assertEquals("9 FIR 255", sent.get(255));
        assertEquals("9 FIR 0", sent.get(256));
    }

    @Test
    void customIntervalAndClockSteppingBack() {
        KeyframeRequester k = new KeyframeRequester(clock, Duration.ofSeconds(1), false,
                (ssrc, fir, seq) -> sent.add("x"));
        k.request(1);
        clock.elapse(Duration.ofMillis(999));
        assertFalse(k.request(1));
        clock.elapse(Duration.ofSeconds(-5)); // wall clock corrected backwards
        assertTrue(k.request(1));
    }
}
