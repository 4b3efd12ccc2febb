package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsentTimerTest {
    private static final long SECOND = 1_000_000_000L;
    private final ConsentTimer timer = new ConsentTimer(100 * SECOND, Duration.ofSeconds(30));

    @Test
    void aPeerThatKeepsSendingKeepsItsConsent() {
        for (long t = 101; t < 300; t += 5) {
            timer.received(t * SECOND);
            assertEquals(Optional.empty(), timer.expired((t + 29) * SECOND));
        }
    }

    @Test
    void aPeerSilentForThirtySecondsLosesIt() {
        timer.received(110 * SECOND);

        assertEquals(Optional.empty(), timer.expired(140 * SECOND));
        assertTrue(timer.expired(140 * SECOND + 1).orElseThrow().startsWith("consent expired"));
    }

    @Test
    void aPeerThatNeverConnectsIsGivenUpAfterTheSameTime() {
        assertEquals(Optional.empty(), timer.expired(130 * SECOND));
        assertEquals(Optional.of("the peer never connected"), timer.expired(131 * SECOND));
    }
}
