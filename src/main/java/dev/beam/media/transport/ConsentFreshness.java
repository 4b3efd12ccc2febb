package dev.beam.media.transport;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Consent freshness (RFC 7675) for one peer the server sends to: when the next consent check is
 * due, and whether consent has run out. RFC 7675 puts the duty on the sender: §5.1 has it send
 * a STUN Binding request on the selected pair every interval, randomized uniformly to 0.8-1.2
 * of it so that checks of many sessions do not synchronize, and stop sending once no check has
 * been answered for the timeout (30 s). A valid check the peer sends shows it is there too.
 *
 * <p>Pure logic on one monotonic clock (nanoseconds); the transport sends the checks and reports
 * what comes back. {@link #checkDue} and {@link #expiry} run on one timer thread; the
 * confirmations may come from any thread.
 */
final class ConsentFreshness {
    private static final long NEVER = Long.MIN_VALUE;

    private final long intervalNanos;
    private final long timeoutNanos;
    private final DoubleSupplier random;
    private final long createdNanos;
    private volatile boolean connected;
    private volatile long lastConfirmedNanos = NEVER;
    private long nextCheckNanos = NEVER;

    /** @param random uniform in [0, 1), for the randomized interval */
    ConsentFreshness(Duration interval, Duration timeout, DoubleSupplier random, long nowNanos) {
        if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("consent interval " + interval + " must be positive and below the timeout "
                    + timeout);
        }
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.random = random;
        this.createdNanos = nowNanos;
    }

    /** ICE succeeded: a successful connectivity check is consent (RFC 7675 §4). */
    void connected(long nowNanos) {
        connected = true;
        confirmed(nowNanos);
    }

    /** The peer answered one of our checks, or sent a valid check of its own; counts once connected. */
    void confirmed(long nowNanos) {
        if (!connected) {
            return;
        }
        long last = lastConfirmedNanos;
        if (last == NEVER || nowNanos - last > 0) {
            lastConfirmedNanos = nowNanos;
        }
    }

    /** True when a check should go out now; the next one is then scheduled. */
    boolean checkDue(long nowNanos) {
        if (lastConfirmedNanos == NEVER) {
            return false;
        }
        if (nextCheckNanos != NEVER && nowNanos - nextCheckNanos < 0) {
            return false;
        }
        nextCheckNanos = nowNanos + (long) (intervalNanos * (0.8 + 0.4 * random.getAsDouble()));
        return true;
    }

    /** Why consent is gone: never given within the timeout, or not renewed within it; empty while it holds. */
    Optional<String> expiry(long nowNanos) {
        long last = lastConfirmedNanos;
        if (last == NEVER) {
            return nowNanos - createdNanos > timeoutNanos
                    ? Optional.of("ICE did not connect within " + seconds(timeoutNanos)) : Optional.empty();
        }
        return nowNanos - last > timeoutNanos
                ? Optional.of("consent expired: no answer to consent checks for " + seconds(timeoutNanos))
                : Optional.empty();
    }

    private static String seconds(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
