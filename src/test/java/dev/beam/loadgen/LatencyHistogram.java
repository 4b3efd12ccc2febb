package dev.beam.loadgen;

/**
 * Latencies in fixed log-linear buckets: exact below 32 µs, then 32 buckets per power of two
 * (within ~3%), up to ~19 hours. Memory is constant whatever the number of samples.
 * Single-threaded; {@link #add} merges another in.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_EXPONENT = 36; // 2^36 µs
    private static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long maxMicros;

    void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts[index(micros)]++;
        total++;
        maxMicros = Math.max(maxMicros, micros);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxMicros = Math.max(maxMicros, other.maxMicros);
    }

    long count() {
        return total;
    }

    long maxMicros() {
        return maxMicros;
    }

    /** The value at quantile {@code q} (0..1): the upper bound of its bucket, at most the maximum seen. */
    long percentileMicros(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), maxMicros);
            }
        }
        return maxMicros;
    }

    static int index(long micros) {
        if (micros < SUB) {
            return (int) micros;
        }
        int exponent = Math.min(63 - Long.numberOfLeadingZeros(micros), MAX_EXPONENT);
        if (exponent == MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int sub = (int) (micros >>> (exponent - SUB_BITS)) & (SUB - 1);
        return (exponent - SUB_BITS + 1) * SUB + sub;
    }

    /** The largest value that falls into bucket {@code i}. */
    static long upperBound(int i) {
        if (i < SUB) {
            return i;
        }
        int exponent = i / SUB + SUB_BITS - 1;
        long sub = i % SUB;
        return ((SUB + sub + 1) << (exponent - SUB_BITS)) - 1;
    }
}
