package dev.beam.media.bwe;

/**
 * Estimates whether the bottleneck queue is growing, in place of draft-ietf-rmcat-gcc-02 §5.3's
 * Kalman filter: the group delay variations d(i) are summed into the accumulated one-way delay
 * (relative to the first group), smoothed exponentially, and a least-squares line is fitted over
 * the last {@link #WINDOW} groups against arrival time. Its slope (ms of delay per ms) is the
 * trend; scaled by the number of samples and a gain, it is compared with the §5.4 threshold.
 */
final class TrendlineFilter {
    static final int WINDOW = 20;
    /** Weight of the previous smoothed delay. */
    static final double SMOOTHING = 0.9;
    static final double GAIN = 4;
    /** The sample count in the scaling stops growing here, so one long run can't dominate. */
    static final int MAX_SCALE_SAMPLES = 60;

    private final double[] times = new double[WINDOW];   // ms since the first group
    private final double[] delays = new double[WINDOW];  // smoothed accumulated delay, ms
    private int size;
    private int head;
    private boolean started;
    private long firstArrivalUs;
    private double accumulatedMs;
    private double smoothedMs;
    private int samples;
    private double trend;

    /**
     * Adds one group's delay variation.
     *
     * @return the modified trend, comparable with {@link OveruseDetector}'s threshold (ms)
     */
    double update(long delayVariationUs, long arrivalUs) {
        if (!started) {
            started = true;
            firstArrivalUs = arrivalUs;
        }
        samples = Math.min(samples + 1, 1000);
        accumulatedMs += delayVariationUs / 1000.0;
        smoothedMs = SMOOTHING * smoothedMs + (1 - SMOOTHING) * accumulatedMs;
        times[head] = (arrivalUs - firstArrivalUs) / 1000.0;
        delays[head] = smoothedMs;
        head = (head + 1) % WINDOW;
        size = Math.min(size + 1, WINDOW);
        if (size == WINDOW) {
            trend = slope(trend);
        }
        return modifiedTrend();
    }

    /** The last fitted slope: > 0 while the queue grows. */
    double trend() {
        return trend;
    }

    private double modifiedTrend() {
        return Math.min(samples, MAX_SCALE_SAMPLES) * trend * GAIN;
    }

    private double slope(double otherwise) {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < size; i++) {
            meanX += times[i];
            meanY += delays[i];
        }
        meanX /= size;
        meanY /= size;
        double num = 0;
        double den = 0;
        for (int i = 0; i < size; i++) {
            double dx = times[i] - meanX;
            num += dx * (delays[i] - meanY);
            den += dx * dx;
        }
        return den == 0 ? otherwise : num / den;
    }
}
