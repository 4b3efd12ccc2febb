package dev.beam.signaling;

import java.time.Clock;
import java.time.Duration;

/**
 * One connection's message budget: a {@link TokenBucket} admits the steady rate and its burst;
 * a connection that keeps sending past it, more than {@code maxRefused} refused messages within
 * {@code window}, is to be closed rather than answered forever.
 */
final class MessageRateLimit {
    /** What becomes of one message. */
    enum Verdict { ADMIT, REFUSE, CLOSE }

    private final Clock clock;
    private final TokenBucket bucket;
    private final int maxRefused;
    private final long windowMillis;
    private long windowStart;
    private int refused;

    MessageRateLimit(Clock clock, double perSecond, int burst, int maxRefused, Duration window) {
        this.clock = clock;
        this.bucket = new TokenBucket(clock, perSecond, burst);
        this.maxRefused = maxRefused;
        this.windowMillis = window.toMillis();
        this.windowStart = clock.millis();
    }

    synchronized Verdict next() {
        if (bucket.tryTake()) {
            return Verdict.ADMIT;
        }
        long now = clock.millis();
        if (now - windowStart >= windowMillis) {
            windowStart = now;
            refused = 0;
        }
        refused++;
        return refused > maxRefused ? Verdict.CLOSE : Verdict.REFUSE;
    }
}
