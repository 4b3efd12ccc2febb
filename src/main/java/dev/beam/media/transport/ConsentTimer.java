package dev.beam.media.transport;

import java.time.Duration;
import java.util.Optional;

/**
 * When a peer's consent to receive has run out (RFC 7675 §5.1): a peer that sent nothing at all
 * for the timeout, no consent check, no RTCP, no media, or that never connected in that time.
 * Times are nanoseconds on one monotonic clock.
 */
final class ConsentTimer {
    private final long createdNanos;
    private final long timeoutNanos;
    private volatile long lastReceivedNanos;

    ConsentTimer(long createdNanos, Duration timeout) {
        this.createdNanos = createdNanos;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Called for every packet from the peer: one volatile write. */
    void received(long nowNanos) {
        lastReceivedNanos = nowNanos;
    }

    /** Why the peer's consent expired, or empty while it holds. */
    Optional<String> expired(long nowNanos) {
        long last = lastReceivedNanos;
        if (last == 0) {
            return nowNanos - createdNanos > timeoutNanos
                    ? Optional.of("the peer never connected") : Optional.empty();
        }
        return nowNanos - last > timeoutNanos
                ? Optional.of("consent expired: nothing received for " + Duration.ofNanos(timeoutNanos).toSeconds() + " s")
                : Optional.empty();
    }
}
