package dev.beam.media.receive;

import java.util.Arrays;

/**
 * The highest value a rate was seen at over the last {@value #SECONDS} seconds, kept as one
 * highest value a second, but at most {@value #MAX_OVER_NOW} times the value now: a dip (an
 * encoder short of CPU for a moment) shows, while a keyframe's burst, which lifts a layer's rate
 * to twice its own for a second, would hold viewers back for seconds. Not thread-safe: its
 * owner's thread only.
 */
final class RecentPeak {
    static final int SECONDS = 5;
    static final double MAX_OVER_NOW = 1.25;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final long[] highest = new long[SECONDS];
    /** The second of the newest value offered, in seconds since time zero. */
    private long newest = Long.MIN_VALUE;

    /** Takes the rate now, and returns the highest over the last {@value #SECONDS} seconds, within the bound. */
    long offer(long value, long nowNanos) {
        long second = Math.floorDiv(nowNanos, SECOND_NANOS);
        if (newest == Long.MIN_VALUE || second - newest >= SECONDS) {
            Arrays.fill(highest, 0);
            newest = second;
        }
        for (; newest < second; newest++) {
            highest[(int) Math.floorMod(newest + 1, SECONDS)] = 0;
        }
        int slot = (int) Math.floorMod(second, SECONDS);
        highest[slot] = Math.max(highest[slot], value);
        long peak = 0;
        for (long h : highest) {
            peak = Math.max(peak, h);
        }
        return Math.min(peak, (long) (value * MAX_OVER_NOW));
    }
}
