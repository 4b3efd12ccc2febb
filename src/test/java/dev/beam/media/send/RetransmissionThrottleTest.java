package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetransmissionThrottleTest {
    private final FakeClock clock = new FakeClock();
    private final RetransmissionThrottle throttle = new RetransmissionThrottle();

    @Test
    void resendsOncePerRtt() {
        assertEquals(100, throttle.rttMillis()); // default when unknown
        assertTrue(throttle.shouldResend(7, clock.millis()));
        clock.elapse(Duration.ofMillis(99));
        assertFalse(throttle.shouldResend(7, clock.millis()));
        clock.elapse(Duration.ofMillis(1));
        assertTrue(throttle.shouldResend(7, clock.millis()));
        assertFalse(throttle.shouldResend(7, clock.millis()));
    }

    @Test
    void refusedRequestsDoNotExtendTheWait() {
        throttle.shouldResend(7, clock.millis());
        clock.elapse(Duration.ofMillis(60));
        assertFalse(throttle.shouldResend(7, clock.millis()));
        clock.elapse(Duration.ofMillis(40));
        assertTrue(throttle.shouldResend(7, clock.millis()));
    }

    @Test
    void sequenceNumbersAreIndependentAndWrap() {
        assertTrue(throttle.shouldResend(65535, clock.millis()));
        assertTrue(throttle.shouldResend(0, clock.millis()));
        assertTrue(throttle.shouldResend(1, clock.millis()));
        assertFalse(throttle.shouldResend(65535, clock.millis()));
        assertFalse(throttle.shouldResend(0x10000, clock.millis())); // same as 0
    }

    @Test
    void rttIsClampedAndFollowed() {
        throttle.setRttMillis(1);
        assertEquals(RetransmissionThrottle.MIN_RTT_MILLIS, throttle.rttMillis());
        throttle.setRttMillis(60_000);
        assertEquals(RetransmissionThrottle.MAX_RTT_MILLIS, throttle.rttMillis());
        throttle.setRttMillis(250);
        throttle.shouldResend(3, clock.millis());
        clock.elapse(Duration.ofMillis(249));
        assertFalse(throttle.shouldResend(3, clock.millis()));
        clock.elapse(Duration.ofMillis(1));
        assertTrue(throttle.shouldResend(3, clock.millis()));
    }

    @Test
    void memoryIsBoundedByTheRing() {
        RetransmissionThrottle small = new RetransmissionThrottle(16);
        long now = clock.millis();
        for (int s = 0; s < 16; s++) {
            assertTrue(small.shouldResend(s, now));
        }
        assertFalse(small.shouldResend(0, now));
        assertTrue(small.shouldResend(16, now)); // takes 0's slot: 0 is forgotten, not confused
        assertTrue(small.shouldResend(0, now));
        assertFalse(small.shouldResend(1, now));
    }

    @Test
    void clockSteppingBackDoesNotBlock() {
        throttle.shouldResend(5, clock.millis());
        assertTrue(throttle.shouldResend(5, clock.millis() - 1000));
    }
}
