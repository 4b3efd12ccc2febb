package dev.beam.media.bwe;

/**
 * The loss-based controller of draft-ietf-rmcat-gcc-02 §6, run on the loss the feedback reports.
 * The draft evaluates each RTCP report (about a second); feedback comes every 100 ms or so, too few
 * packets for a loss fraction that isn't mostly noise, so statuses are pooled until at least
 * {@link #MIN_PACKETS} of them and {@link #MIN_INTERVAL_US} have passed. Their loss fraction f sets
 * A_s:
 * <ul>
 * <li>f &lt; 2 %: increase to 1.08 × the lowest estimate of the last second (+1 kbit/s), so that
 *     without loss this controller sits just above the delay-based one and leaves it in charge;
 * <li>2 % ≤ f ≤ 10 %: hold;
 * <li>f &gt; 10 %: A_s = estimate × (1 - 0.5 f), at most once per 300 ms + RTT so that one burst,
 *     reported in several feedbacks, is one decrease.
 * </ul>
 */
final class LossBasedControl {
    static final int MIN_PACKETS = 20;
    static final long MIN_INTERVAL_US = 500_000;
    static final double LOW_LOSS = 0.02;
    static final double HIGH_LOSS = 0.10;
    static final double INCREASE = 1.08;
    static final long DECREASE_INTERVAL_US = 300_000;
    private static final long HISTORY_US = 1_000_000;
    private static final int HISTORY = 64;

    private final long[] historyUs = new long[HISTORY];
    private final long[] historyBps = new long[HISTORY];
    private int historyStart;
    private int historySize;
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
        remember(estimateBps, nowUs);
        if (lastEvaluationUs == Long.MIN_VALUE) {
            lastEvaluationUs = nowUs;
        }
        if (expected < MIN_PACKETS || nowUs - lastEvaluationUs < MIN_INTERVAL_US) {
            return rateBps;
        }
        lastEvaluationUs = nowUs;
        lossFraction = (double) lost / expected;
        expected = 0;
        lost = 0;
        if (lossFraction < LOW_LOSS) {
            rateBps = Math.max(rateBps, (long) (INCREASE * lowestRecent()) + 1000);
        } else if (lossFraction > HIGH_LOSS && mayDecrease(rttUs, nowUs)) {
            rateBps = (long) (estimateBps * (1 - 0.5 * lossFraction));
            lastDecreaseUs = nowUs;
        }
        return rateBps;
    }

    long rateBps() {
        return rateBps;
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

    private void remember(long estimateBps, long nowUs) {
        while (historySize > 0 && (historyUs[historyStart] < nowUs - HISTORY_US || historySize == HISTORY)) {
            historyStart = (historyStart + 1) % HISTORY;
            historySize--;
        }
        int slot = (historyStart + historySize) % HISTORY;
        historyUs[slot] = nowUs;
        historyBps[slot] = estimateBps;
        historySize++;
    }

    private long lowestRecent() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < historySize; i++) {
            min = Math.min(min, historyBps[(historyStart + i) % HISTORY]);
        }
        return min;
    }
}
