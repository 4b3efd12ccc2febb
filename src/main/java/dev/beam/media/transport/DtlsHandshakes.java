package dev.beam.media.transport;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.DatagramTransport;

/**
 * Runs DTLS handshakes, at most {@code maxInFlight} at once, each on a thread of its own from the
 * executor it is given. BouncyCastle's DTLS server blocks its thread for the whole handshake,
 * waiting for the peer's next flight, from the ClientHello until it completes, fails, or its
 * transport's connect deadline closes it (which wakes it at once). The server gives it virtual
 * threads, on which that wait holds no platform thread: a stalled handshake costs its memory
 * only. Media workers and the server's request threads are never among them.
 *
 * <p>A handshake's CPU work (key exchange, signatures) comes in bursts between its waits for the
 * peer. At most {@code computing} handshakes compute at once: a handshake holds a compute slot
 * only while BouncyCastle runs, and gives it back while it waits for a datagram
 * ({@link #paced}). So a flood of handshakes uses at most that many cores, and the media workers
 * keep the rest.
 */
public final class DtlsHandshakes {
    private final Executor pool;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Semaphore compute;

    /**
     * @param pool      a thread for each handshake, at once (a queue would let stalled ones hold up others)
     * @param computing how many handshakes may use the CPU at once
     */
    public DtlsHandshakes(Executor pool, int maxInFlight, int computing) {
        if (maxInFlight < 1 || computing < 1) {
            throw new IllegalArgumentException("handshakes in flight " + maxInFlight + " and computing " + computing
                    + " must be at least 1");
        }
        this.pool = pool;
        this.maxInFlight = maxInFlight;
        this.compute = new Semaphore(computing);
    }

    /** Starts a handshake if fewer than the cap are in flight; false when the cap is reached. */
    boolean start(Runnable handshake) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return false;
        }
        try {
            pool.execute(() -> {
                compute.acquireUninterruptibly();
                try {
                    handshake.run();
                } finally {
                    compute.release();
                    inFlight.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            return false;
        }
    }

    /**
     * The handshake's datagrams as BouncyCastle sees them: waiting for one gives the compute slot
     * back, and a handshake takes it again before it goes on with what arrived.
     */
    DatagramTransport paced(DatagramTransport inner) {
        return new ForwardingDatagramTransport(inner) {
            @Override
            public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                compute.release();
                try {
                    return inner.receive(buf, off, len, waitMillis);
                } finally {
                    compute.acquireUninterruptibly();
                }
            }
        };
    }

    /** Handshakes running now. */
    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight;
    }
}
