package dev.beam.media.transport;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs DTLS handshakes, at most {@code maxInFlight} at once, on a pool of their own. BouncyCastle's
 * DTLS server blocks its thread for the whole handshake, waiting for the peer's next flight; so
 * a handshake holds one of these threads, and nothing else, from the ClientHello until it
 * completes, fails, or its transport's connect deadline closes it (which wakes it at once).
 * Media workers and the server's request threads are never among them.
 */
public final class DtlsHandshakes {
    private final Executor pool;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** @param pool must have a thread for each of {@code maxInFlight} handshakes, or queue them */
    public DtlsHandshakes(Executor pool, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("handshakes in flight must be at least 1: " + maxInFlight);
        }
        this.pool = pool;
        this.maxInFlight = maxInFlight;
    }

    /** Starts a handshake if fewer than the cap are in flight; false when the cap is reached. */
    boolean start(Runnable handshake) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return false;
        }
        try {
            pool.execute(() -> {
                try {
                    handshake.run();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            return false;
        }
    }

    /** Handshakes running now. */
    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight;
    }
}
