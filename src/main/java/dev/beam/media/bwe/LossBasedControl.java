package dev.beam.media.bwe;

/**
 * The loss-based controller of draft-ietf-rmcat-gcc-02 §6, run on the loss the feedback reports.
 * The draft runs it on each receiver report; transport-cc feedback comes every 100 ms or so, too
 * few packets for a loss fraction that isn't mostly noise, so statuses are pooled until at least
 * {@link #MIN_PACKETS} of them and {@link #MIN_INTERVAL_US} have passed. Their loss fraction f sets
 * A_s:
 * <ul>
 * <li>f &lt; 2 %: increase by 8 % a second, but to no more than 8 % above the estimate in force, so
 *     that without loss this controller stays just above the delay-based one and leaves it in
 *     charge, yet still holds the estimate when loss rises;
 * <li>2 % ≤ f ≤ 10 %: hold;
 * <li>f &gt; 10 %: A_s = estimate × (1 - 0.5 f), at most once per 300 ms + RTT, so that loss is
 *     not answered again before the last decrease can have shown its effect.
 * </ul>
 */
final class LossBasedControl {
    static final int MIN_PACKETS = 20;
    static final long MIN_INTERVAL_US = 500_000;
    static final double LOW_LOSS = 0.02;
    static final double HIGH_LOSS = 0.10;
    static final double INCREASE = 1.08;
    static final long DECREASE_INTERVAL_US = 300_000;

    private long rateBps;
    private int expected;
    private int lost;
    private double lossFraction;
    private long lastDecreaseUs = Long.MIN_VALUE;
    private long lastEvaluationUs = Long.MIN_VALUE;

    LossBasedControl(long startBps) {
        this.rateBps = startBps;
    }

    void onStatus(boolean received) {
        expected++;
        if (!received) {
            lost++;
        }
    }

    /**
     * Evaluates the statuses counted so far, if enough.
     *
     * @param estimateBps the combined estimate in force now
     * @return A_s, bit/s
     */
    long update(long estimateBps, long rttUs, long nowUs) {
        if (lastEvaluationUs == Long.MIN_VALUE) {
            lastEvaluationUs = nowUs;
        }
        if (expected < MIN_PACKETS || nowUs - lastEvaluationUs < MIN_INTERVAL_US) {
            return rateBps;
        }
        double elapsedS = (nowUs - lastEvaluationUs) / 1e6;
        lastEvaluationUs = nowUs;
        lossFraction = (double) lost / expected;
        expected = 0;
        lost = 0;
        if (lossFraction < LOW_LOSS) {
            double grown = rateBps * Math.pow(INCREASE, elapsedS) + 1000;
            rateBps = (long) Math.min(grown, INCREASE * estimateBps + 1000);
        } else if (lossFraction > HIGH_LOSS && mayDecrease(rttUs, nowUs)) {
            rateBps = (long) (estimateBps * (1 - 0.5 * lossFraction));
            lastDecreaseUs = nowUs;
        }
        return rateBps;
    }

    long rateBps() {
        return rateBps;
    }

    /** A probe's delivered rate: taken unless the last evaluation saw loss. */
    void probed(long bps) {
        if (!holding()) {
            rateBps = Math.max(rateBps, bps);
        }
    }

    /** The loss fraction of the last evaluation, 0..1. */
    double lossFraction() {
        return lossFraction;
    }

    /** True when the last evaluation found 2 % or more loss: no increase allowed. */
    boolean holding() {
        return lossFraction >= LOW_LOSS;
    }

    private boolean mayDecrease(long rttUs, long nowUs) {
        return lastDecreaseUs == Long.MIN_VALUE || nowUs - lastDecreaseUs >= DECREASE_INTERVAL_US + rttUs;
    }
}
