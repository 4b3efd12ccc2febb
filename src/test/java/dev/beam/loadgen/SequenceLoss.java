package dev.beam.loadgen;

import java.util.BitSet;

/**
 * One viewer's view of one stream: which generator sequence numbers arrived, duplicates and
 * reordering included, so that loss is what never came, gaps and missing tails alike.
 * Single-threaded.
 */
final class SequenceLoss {
    /** Kept below the first sequence seen, for packets reordered in front of it. */
    private static final long SLACK = 1024;

    private final BitSet received = new BitSet();
    private long base = -1;

    void record(long sequence) {
        if (base < 0) {
            base = Math.max(0, sequence - SLACK);
        }
        long index = sequence - base;
        if (index >= 0 && index < Integer.MAX_VALUE) {
            received.set((int) index);
        }
    }

    /** Distinct sequence numbers received within [first, last]. */
    long receivedBetween(long first, long last) {
        if (base < 0 || last < first) {
            return 0;
        }
        long from = Math.max(first - base, 0);
        long to = Math.min(last - base + 1, Integer.MAX_VALUE);
        return from >= to ? 0 : received.get((int) from, (int) to).cardinality();
    }

    /**
     * Packets of [first, last] that never arrived; everything, for a viewer that got nothing.
     * A negative {@code first} means nothing was sent.
     */
    long lostBetween(long first, long last) {
        return first < 0 || last < first ? 0 : (last - first + 1) - receivedBetween(first, last);
    }
}
