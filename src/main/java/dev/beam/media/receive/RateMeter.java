package dev.beam.media.receive;

/**
 * The bitrate of one stream over the last second, in ten slots of 100 ms so that it follows a
 * change within a slot. One thread only (the broadcaster's worker).
 */
final class RateMeter {
    static final long SLOT_NANOS = 100_000_000L;
    private static final int SLOTS = 10;

    private final long[] bytes = new long[SLOTS];
    /** Index of the newest slot counted, in slots since time zero; -1 before the first. */
    private long newest = -1;

    void add(int length, long nowNanos) {
        advance(nowNanos);
        bytes[(int) (newest % SLOTS)] += length;
    }

    /** Bits per second over the last {@value #SLOTS} slots, the current one included. */
    long bitsPerSecond(long nowNanos) {
        advance(nowNanos);
        long sum = 0;
        for (long b : bytes) {
            sum += b;
        }
        return sum * 8 * 1_000_000_000L / (SLOTS * SLOT_NANOS);
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
