package dev.beam.signaling;

import java.time.Clock;

/**
 * A token bucket: {@code ratePerSecond} tokens flow in, at most {@code burst} are kept, and each
 * admitted event takes one. The clock is injected so that tests move time instead of sleeping.
 */
final class TokenBucket {
    private final Clock clock;
    private final double ratePerMilli;
    private final double burst;
    private double tokens;
    private long lastMillis;

    TokenBucket(Clock clock, double ratePerSecond, int burst) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive, got " + ratePerSecond + " and " + burst);
        }
        this.clock = clock;
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.lastMillis = clock.millis();
    }

    /** Takes a token if one is there. */
    synchronized boolean tryTake() {
        long now = clock.millis();
        if (now > lastMillis) {
            tokens = Math.min(burst, tokens + (now - lastMillis) * ratePerMilli);
            lastMillis = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
