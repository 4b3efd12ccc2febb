package dev.beam.media.bwe;

/**
 * What the viewer actually received: the bytes the feedback acknowledged whose arrival lies in the
 * last {@link #WINDOW_US} of the viewer's clock, as bit/s. The delay-based controller decreases
 * relative to it (draft-ietf-rmcat-gcc-02 §5.5, "R_hat(i)"). A ring of {@link #CAPACITY} packets;
 * when more than that arrive within the window, the rate is taken over the span it holds.
 */
final class AcknowledgedBitrate {
    static final long WINDOW_US = 500_000;
    static final int CAPACITY = 4096;

    private final long[] arrivals = new long[CAPACITY];
    private final int[] sizes = new int[CAPACITY];
    private int oldest;
    private int count;
    private long bytes;
    private boolean started;
    private long firstArrivalUs;
    private long newestUs;

    void onPacket(long arrivalUs, int size) {
        if (!started) {
            started = true;
            firstArrivalUs = arrivalUs;
            newestUs = arrivalUs;
        }
        newestUs = Math.max(newestUs, arrivalUs);
        if (count == CAPACITY) {
            evictOldest();
        }
        int slot = (oldest + count) % CAPACITY;
        arrivals[slot] = arrivalUs;
        sizes[slot] = size;
        count++;
        bytes += size;
        while (count > 0 && arrivals[oldest] <= newestUs - WINDOW_US) {
            evictOldest();
        }
    }

    /** @return bit/s over the last window, or -1 until a whole window has been seen */
    long bitrateBps() {
        if (!started || newestUs - firstArrivalUs < WINDOW_US) {
            return -1;
        }
        long span = WINDOW_US;
        if (count == CAPACITY) {
            span = Math.max(newestUs - arrivals[oldest], 1);
        }
        return bytes * 8 * 1_000_000 / span;
    }

    private void evictOldest() {
        bytes -= sizes[oldest];
        oldest = (oldest + 1) % CAPACITY;
        count--;
    }
}
