package dev.beam.media.send;

import java.util.Arrays;

/**
 * Per viewer and stream: decides whether a packet the viewer NACKed (RFC 4585 §6.2.1) may be sent
 * again now. A receiver repeats its NACK until the packet arrives, and a NACK sent before our
 * retransmission reached it says nothing new; so each sequence number is resent at most once per
 * round trip to that viewer.
 *
 * <p>State is a fixed ring keyed by {@code seq & mask}, as large as the broadcaster's history: a
 * packet older than that cannot be resent anyway, so forgetting it costs nothing. Thread-safe;
 * cheap enough to call once per NACKed sequence number.
 */
public final class RetransmissionThrottle {
    public static final int DEFAULT_CAPACITY = 1024;
    public static final long DEFAULT_RTT_MILLIS = 100;
    public static final long MIN_RTT_MILLIS = 10;
    public static final long MAX_RTT_MILLIS = 1000;

    private final int[] seqs;
    private final long[] sentMillis;
    private final int mask;
    private long rttMillis = DEFAULT_RTT_MILLIS;

    public RetransmissionThrottle() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity sequence numbers remembered, a power of two */
    public RetransmissionThrottle(int capacity) {
        if (capacity < 1 || capacity > 1 << 16 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two <= 65536: " + capacity);
        }
        seqs = new int[capacity];
        sentMillis = new long[capacity];
        Arrays.fill(seqs, -1);
        mask = capacity - 1;
    }

    /**
     * Round trip to the viewer (from RTCP RR LSR/DLSR, RFC 3550 §6.4.1, or the transport), clamped
     * to [{@value #MIN_RTT_MILLIS}, {@value #MAX_RTT_MILLIS}] ms so a bogus estimate neither floods
     * the viewer nor stops retransmission.
     */
    public synchronized void setRttMillis(long rtt) {
        rttMillis = Math.max(MIN_RTT_MILLIS, Math.min(MAX_RTT_MILLIS, rtt));
    }

    public synchronized long rttMillis() {
        return rttMillis;
    }

    /**
     * True when {@code seq} may be resent now, and records it as resent; false when it was resent
     * less than one RTT ago. The caller answers true by resending (or, if the packet is no longer
     * held, by nothing: the viewer will ask again or give up and request a keyframe).
     */
    public synchronized boolean shouldResend(int seq, long nowMillis) {
        seq &= 0xFFFF;
        int i = seq & mask;
        if (seqs[i] == seq) {
            long since = nowMillis - sentMillis[i];
            // A clock stepped backwards (since < 0) must not block resends until it catches up.
            if (since >= 0 && since < rttMillis) {
                return false;
            }
        }
        seqs[i] = seq;
        sentMillis[i] = nowMillis;
        return true;
    }

    /** Forgets all resends, for a stream that restarted its numbering. */
    public synchronized void clear() {
        Arrays.fill(seqs, -1);
    }
}
