package dev.beam.media.bwe;

/**
 * The over-use detector of draft-ietf-rmcat-gcc-02 §5.4: compares the delay trend m(i) with an
 * adaptive threshold del_var_th. Over-use is signalled only when m(i) stays above the threshold
 * for {@link #OVERUSE_TIME_MS} and at least two groups and is not falling; under-use as soon as
 * m(i) < -threshold. The threshold follows |m(i)| within [6, 600] ms, so that the delay a
 * concurrent TCP flow builds does not starve this one (§5.4's rationale).
 *
 * <p>The gains suit a trendline, whose m(i) is scaled differently from the draft's Kalman
 * estimate: K_u = 0.0087 and K_d = 0.039 per ms, so the threshold comes down faster than it
 * rises and a quiet path keeps the detector sensitive.
 */
final class OveruseDetector {
    static final double INITIAL_THRESHOLD = 12.5;
    static final double MIN_THRESHOLD = 6;
    static final double MAX_THRESHOLD = 600;
    static final double K_UP = 0.0087;
    static final double K_DOWN = 0.039;
    /** §5.4 overuse_time_th. */
    static final double OVERUSE_TIME_MS = 10;
    /** Samples this far above the threshold (ms) are outliers and don't move it. */
    private static final double MAX_ADAPT_OFFSET = 15;
    private static final long MAX_ADAPT_INTERVAL_US = 100_000;

    private double threshold = INITIAL_THRESHOLD;
    private long lastUpdateUs = Long.MIN_VALUE;
    private double overuseMs = -1;
    private int overuseCount;
    private double previousTrend;
    private BandwidthUsage usage = BandwidthUsage.NORMAL;

    /**
     * @param modifiedTrend m(i) from the trendline
     * @param trend         the unscaled slope, to see whether it is still rising
     * @param sendDeltaUs   T(i) - T(i-1), the time this sample stands for
     * @param nowUs         the group's arrival time
     */
    BandwidthUsage detect(double modifiedTrend, double trend, long sendDeltaUs, long nowUs) {
        if (modifiedTrend > threshold) {
            double sendDeltaMs = sendDeltaUs / 1000.0;
            overuseMs = overuseMs < 0 ? sendDeltaMs / 2 : overuseMs + sendDeltaMs;
            overuseCount++;
            if (overuseMs > OVERUSE_TIME_MS && overuseCount > 1 && trend >= previousTrend) {
                overuseMs = 0;
                overuseCount = 0;
                usage = BandwidthUsage.OVERUSE;
            }
        } else if (modifiedTrend < -threshold) {
            overuseMs = -1;
            overuseCount = 0;
            usage = BandwidthUsage.UNDERUSE;
        } else {
            overuseMs = -1;
            overuseCount = 0;
            usage = BandwidthUsage.NORMAL;
        }
        previousTrend = trend;
        adaptThreshold(modifiedTrend, nowUs);
        return usage;
    }

    BandwidthUsage usage() {
        return usage;
    }

    double threshold() {
        return threshold;
    }

    /** §5.4: del_var_th(i) = del_var_th(i-1) + Δt · K(i) · (|m(i)| - del_var_th(i-1)). */
    private void adaptThreshold(double modifiedTrend, long nowUs) {
        if (lastUpdateUs == Long.MIN_VALUE) {
            lastUpdateUs = nowUs;
        }
        double magnitude = Math.abs(modifiedTrend);
        if (magnitude > threshold + MAX_ADAPT_OFFSET) {
            lastUpdateUs = nowUs;
            return;
        }
        double k = magnitude < threshold ? K_DOWN : K_UP;
        long dtUs = Math.min(Math.max(nowUs - lastUpdateUs, 0), MAX_ADAPT_INTERVAL_US);
        threshold += k * (magnitude - threshold) * (dtUs / 1000.0);
        threshold = Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold));
        lastUpdateUs = nowUs;
    }
}
