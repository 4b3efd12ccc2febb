package dev.beam.media.receive;

/**
 * A bitrate over the last second (a stream's, or what a viewer is sent), in ten slots of 100 ms
 * so that it follows a change within a slot. Not thread-safe: one thread, or its owner's lock.
 */
public final class RateMeter {
    static final long SLOT_NANOS = 100_000_000L;
    private static final int SLOTS = 10;

    private final long[] bytes = new long[SLOTS];
    /** Index of the newest slot counted, in slots since time zero; -1 before the first. */
    private long newest = -1;

    public void add(int length, long nowNanos) {
        advance(nowNanos);
        bytes[(int) (newest % SLOTS)] += length;
    }

    /** Bits per second over the last {@value #SLOTS} slots, the current one included. */
    public long bitsPerSecond(long nowNanos) {
        advance(nowNanos);
        long sum = 0;
        for (long b : bytes) {
            sum += b;
        }
        return sum * 8 * 1_000_000_000L / (SLOTS * SLOT_NANOS);
    }

    /** What was added per second over the last second: frames, where each {@link #add} counts one. */
    public long perSecond(long nowNanos) {
        return bitsPerSecond(nowNanos) / 8;
    }

    private void advance(long nowNanos) {
        long slot = Math.floorDiv(nowNanos, SLOT_NANOS);
        if (newest < 0) {
            newest = slot;
            return;
        }
        if (slot <= newest) {
            return;
        }
        long stale = Math.min(SLOTS, slot - newest);
        for (long i = 1; i <= stale; i++) {
            bytes[(int) ((newest + i) % SLOTS)] = 0;
        }
        newest = slot;
    }
}
