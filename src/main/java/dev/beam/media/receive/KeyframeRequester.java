package dev.beam.media.receive;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Asks a broadcaster for a keyframe of one video stream and keeps the request pending until one
 * arrives. Every viewer PLI/FIR, every viewer that starts or restarts, and every lost packet
 * given up calls {@link #request}; the broadcaster sees at most one request per
 * {@code minIntervalNanos}, because the keyframe answering the request sent serves everyone who
 * asked meanwhile. A request still unanswered after {@code retryNanos} is sent again by
 * {@link #retryIfDue}, so a lost PLI does not leave viewers black until they ask again.
 *
 * <p>FIR (RFC 5104 §4.3.1.1): each new request carries the next sequence number (mod 256),
 * starting at 0; a retry of the same request repeats its number. Thread-safe; the sender is
 * called outside the lock.
 */
public final class KeyframeRequester {
    public static final long DEFAULT_MIN_INTERVAL_NANOS = 300_000_000L;
    public static final long DEFAULT_RETRY_NANOS = 1_000_000_000L;

    /** Sends one PLI ({@code useFir} false) or FIR with this sequence number to the broadcaster. */
    @FunctionalInterface
    public interface Sender {
        boolean send(boolean useFir, int firSequence);
    }

    private final LongSupplier nanoTime;
    private final long minIntervalNanos;
    private final long retryNanos;
    private final boolean firOnly;
    private final Sender sender;
    private final LongAdder absorbed;
    private boolean pending;
    private boolean everSent;
    private long lastSentNanos;
    private int firSequence = -1;

    /**
     * @param firOnly send FIR instead of PLI, for a broadcaster that negotiated only
     *                {@code a=rtcp-fb:* ccm fir}
     * @param absorbed counts the requests that the one pending covered
     */
    public KeyframeRequester(LongSupplier nanoTime, long minIntervalNanos, long retryNanos, boolean firOnly,
            LongAdder absorbed, Sender sender) {
        if (minIntervalNanos < 0 || retryNanos < minIntervalNanos) {
            throw new IllegalArgumentException("min interval " + minIntervalNanos + " ns, retry " + retryNanos + " ns");
        }
        this.nanoTime = nanoTime;
        this.minIntervalNanos = minIntervalNanos;
        this.retryNanos = retryNanos;
        this.firOnly = firOnly;
        this.sender = sender;
        this.absorbed = absorbed;
    }

    /** Asks for a keyframe; true if a request went out now, false if the one pending covers it. */
    public boolean request() {
        int sequence;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (everSent && pending && now - lastSentNanos < minIntervalNanos) {
                absorbed.increment();
                return false;
            }
            pending = true;
            firSequence = (firSequence + 1) & 0xFF;
            sequence = firSequence;
            lastSentNanos = now;
            everSent = true;
        }
        return sender.send(firOnly, firOnly ? sequence : -1);
    }

    /** Sends the pending request again if no keyframe came within the retry time; true if sent. */
    public boolean retryIfDue() {
        int sequence;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (!pending || now - lastSentNanos < retryNanos) {
                return false;
            }
            lastSentNanos = now;
            sequence = firSequence;
        }
        return sender.send(firOnly, firOnly ? sequence : -1);
    }

    /** A keyframe arrived: the request is answered. */
    public synchronized void keyframeArrived() {
        pending = false;
    }
}
