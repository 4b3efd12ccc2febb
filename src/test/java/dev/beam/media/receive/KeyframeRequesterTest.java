package dev.beam.media.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class KeyframeRequesterTest {
    private static final long MS = 1_000_000;
    private long now = 1_000 * MS;
    private final List<String> sent = new ArrayList<>();
    private final LongAdder absorbed = new LongAdder();

    private KeyframeRequester requester(boolean firOnly) {
        return new KeyframeRequester(() -> now, 300 * MS, 1000 * MS, firOnly, absorbed, (fir, seq) -> {
            sent.add(fir ? "FIR " + seq : "PLI");
            return true;
        });
    }

    @Test
    void aPendingRequestAbsorbsOthersForTheMinimumInterval() {
        KeyframeRequester k = requester(false);
        assertTrue(k.request());
        now += 299 * MS;
        assertFalse(k.request());
        assertFalse(k.request());
        now += MS; // 300 ms after the one sent
        assertTrue(k.request());
        assertEquals(List.of("PLI", "PLI"), sent);
        assertEquals(2, absorbed.sum());
    }

    @Test
    void aKeyframeAnswersTheRequestSoTheNextOneGoesOutAtOnce() {
        KeyframeRequester k = requester(false);
        k.request();
        now += 50 * MS;
        k.keyframeArrived();
        assertFalse(k.retryIfDue(), "nothing pending to retry");
        assertTrue(k.request(), "a viewer that starts after the keyframe needs its own");
        assertEquals(2, sent.size());
    }

    @Test
    void anUnansweredRequestIsRetriedAfterTheRetryTimeUntilAKeyframeComes() {
        KeyframeRequester k = requester(false);
        k.request();
        now += 999 * MS;
        assertFalse(k.retryIfDue());
        now += MS;
        assertTrue(k.retryIfDue());
        assertFalse(k.retryIfDue(), "not twice in one retry time");
        now += 1000 * MS;
        k.keyframeArrived();
        assertFalse(k.retryIfDue());
        assertEquals(List.of("PLI", "PLI"), sent);
    }

    @Test
    void nothingIsRetriedWhenNothingWasAsked() {
        KeyframeRequester k = requester(false);
        now += 10_000 * MS;
        assertFalse(k.retryIfDue());
        assertEquals(List.of(), sent);
    }

    @Test
    void firNumbersEachNewRequestAndARetryRepeatsItsNumber() {
        KeyframeRequester k = requester(true);
        k.request();                // RFC 5104 §4.3.1.1: the first FIR is 0
        now += 1000 * MS;
        k.retryIfDue();             // the same request again: same number
        k.keyframeArrived();
        k.request();                // a new request: next number
        assertEquals(List.of("FIR 0", "FIR 0", "FIR 1"), sent);
    }

    @Test
    void firNumbersWrapAt256() {
        KeyframeRequester k = requester(true);
        for (int i = 0; i < 257; i++) {
            k.request();
            k.keyframeArrived();
        }
        assertEquals("FIR 255", sent.get(255));
        assertEquals("FIR 0", sent.get(256));
    }
}
