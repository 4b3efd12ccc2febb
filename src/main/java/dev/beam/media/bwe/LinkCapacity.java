package dev.beam.media.bwe;

/**
 * Where the path last became congested: a running average (and variance) of the acknowledged
 * rate at each delay-based decrease. draft-ietf-rmcat-gcc-02 §5.5 increases additively while the
 * rate is near it and multiplicatively when far from it ("3 standard deviations"); a measurement
 * outside the band means the path changed, and the average starts over.
 */
final class LinkCapacity {
    private static final double ALPHA = 0.05;
    /** Variance of the average, normalised by it (kbit/s), kept in this range. */
    private static final double MIN_VARIANCE = 0.4;
    private static final double MAX_VARIANCE = 2.5;

    private double averageKbps = -1;
    private double variance = MIN_VARIANCE;

    boolean known() {
        return averageKbps >= 0;
    }

    void onCongestion(long ackedBps) {
        double sample = ackedBps / 1000.0;
        averageKbps = known() ? (1 - ALPHA) * averageKbps + ALPHA * sample : sample;
        double norm = Math.max(averageKbps, 1);
        variance = (1 - ALPHA) * variance + ALPHA * (averageKbps - sample) * (averageKbps - sample) / norm;
        variance = Math.max(MIN_VARIANCE, Math.min(MAX_VARIANCE, variance));
    }

    void reset() {
        averageKbps = -1;
    }

    /** Average plus three standard deviations, bit/s; meaningful when {@link #known}. */
    long upperBps() {
        return (long) ((averageKbps + 3 * deviationKbps()) * 1000);
    }

    long lowerBps() {
        return (long) ((averageKbps - 3 * deviationKbps()) * 1000);
    }

    private double deviationKbps() {
        return Math.sqrt(variance * averageKbps);
    }
}
