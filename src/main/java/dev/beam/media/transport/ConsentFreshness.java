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
 * <p>Before that, a session must connect, ICE and DTLS both, within the connect timeout.
 *
 * <p>Pure logic on one monotonic clock (nanoseconds); the transport sends the checks and reports
 * what comes back. {@link #checkDue} and {@link #expiry} run on one timer thread; the
 * confirmations may come from any thread.
 */
final class ConsentFreshness {
    private static final long NEVER = Long.MIN_VALUE;
    private static final long RESOLUTION_NANOS = 1_000_000;

    private final long intervalNanos;
    private final long timeoutNanos;
    private final long connectTimeoutNanos;
    private final DoubleSupplier random;
    private final long createdNanos;
    private volatile boolean connected;
    private volatile boolean secured;
    private volatile long lastConfirmedNanos = NEVER;
    private long nextCheckNanos = NEVER;

    /**
     * @param connectTimeout how long ICE and DTLS together may take
     * @param random         uniform in [0, 1), for the randomized interval
     */
    ConsentFreshness(Duration interval, Duration timeout, Duration connectTimeout, DoubleSupplier random,
            long nowNanos) {
        if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("consent interval " + interval + " must be positive and below the timeout "
                    + timeout);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive: " + connectTimeout);
        }
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.connectTimeoutNanos = connectTimeout.toNanos();
        this.random = random;
        this.createdNanos = nowNanos;
    }

    /** ICE succeeded: a successful connectivity check is consent (RFC 7675 §4). */
    void connected(long nowNanos) {
        connected = true;
        confirmed(nowNanos);
    }

    /** DTLS completed: the connect deadline no longer applies. */
    void secured() {
        secured = true;
    }

    /**
     * The peer answered one of our checks, sent a valid check of its own, or sent media that
     * authenticated; counts once connected.
     */
    void confirmed(long nowNanos) {
        if (!connected) {
            return;
        }
        long last = lastConfirmedNanos;
        // Every authenticated packet lands here: a volatile write per millisecond at most is as
        // good against timeouts of seconds, and cheaper than one per packet.
        if (last == NEVER || nowNanos - last >= RESOLUTION_NANOS) {
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

    /**
     * Why the session must close: ICE and DTLS did not both complete within the connect timeout,
     * or consent was not renewed within its timeout; empty while neither.
     */
    Optional<String> expiry(long nowNanos) {
        if (!secured && nowNanos - createdNanos > connectTimeoutNanos) {
            return Optional.of((connected ? "DTLS" : "ICE") + " did not complete within "
                    + seconds(connectTimeoutNanos));
        }
        long last = lastConfirmedNanos;
        if (last == NEVER) {
            return Optional.empty();
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
