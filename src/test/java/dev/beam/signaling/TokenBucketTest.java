package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void admitsTheBurstThenTheSteadyRate() {
        TokenBucket bucket = new TokenBucket(clock, 20, 40);
        for (int i = 0; i < 40; i++) {
            assertTrue(bucket.tryTake(), "burst " + i);
        }
        assertFalse(bucket.tryTake());

        clock.elapse(Duration.ofMillis(50));
        assertTrue(bucket.tryTake(), "one token per 50 ms at 20/s");
        assertFalse(bucket.tryTake());
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(clock, 20, 5);
        clock.elapse(Duration.ofHours(1));
        int taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertEquals(5, taken);
    }

    @Test
    void rateLimitRefusesThenClosesOnPersistentExcess() {
        MessageRateLimit limit = new MessageRateLimit(clock, 1, 2, 3, Duration.ofSeconds(10));
        assertEquals(MessageRateLimit.Verdict.ADMIT, limit.next());
        assertEquals(MessageRateLimit.Verdict.ADMIT, limit.next());
        for (int i = 0; i < 3; i++) {
            assertEquals(MessageRateLimit.Verdict.REFUSE, limit.next());
        }
        assertEquals(MessageRateLimit.Verdict.CLOSE, limit.next(), "a fourth refusal within the window");
    }

    @Test
    void refusalsSpreadOverWindowsDoNotClose() {
        MessageRateLimit limit = new MessageRateLimit(clock, 1, 1, 3, Duration.ofSeconds(10));
        limit.next();
        for (int window = 0; window < 5; window++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(MessageRateLimit.Verdict.REFUSE, limit.next());
            }
            clock.elapse(Duration.ofSeconds(10));
            assertEquals(MessageRateLimit.Verdict.ADMIT, limit.next());
        }
    }
}
