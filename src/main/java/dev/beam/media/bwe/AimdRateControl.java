package dev.beam.media.bwe;

/**
 * The delay-based rate controller of draft-ietf-rmcat-gcc-02 §5.5: a state machine driven by the
 * over-use signal. Over-use → Decrease: the rate becomes {@link #BETA} × the acknowledged rate,
 * then Hold; at most once per RTT (10..200 ms) unless the acknowledged rate halved meanwhile.
 * Under-use → Hold: the queue is draining, wait. Normal → Increase: by
 * {@link #MULTIPLICATIVE_PER_SECOND} per second while far from the last congestion point, and by
 * about one packet per response time (RTT + 100 ms) near it ({@link LinkCapacity}).
 *
 * <p>The rate never grows past 1.5 × the acknowledged rate + 10 kbit/s: a sender that does not use
 * its estimate (an idle or small stream) must not let it run away.
 */
final class AimdRateControl {
    static final double BETA = 0.85;
    static final double MULTIPLICATIVE_PER_SECOND = 1.08;
    /** Bits of a typical video packet, for the additive increase. */
    static final double PACKET_BITS = 1200 * 8;
    private static final double MIN_ADDITIVE_BPS_PER_SECOND = 4_000;
    private static final long RESPONSE_EXTRA_US = 100_000;

    enum State { HOLD, INCREASE, DECREASE }

    private final LinkCapacity linkCapacity = new LinkCapacity();
    private final long minBps;
    private final long maxBps;
    private long rateBps;
    private State state = State.INCREASE;
    private long lastChangeUs = Long.MIN_VALUE;
    private long lastDecreaseUs = Long.MIN_VALUE;
    private long rttUs = 100_000;

    AimdRateControl(long minBps, long startBps, long maxBps) {
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.rateBps = startBps;
    }

    void setRoundTripTime(long rttUs) {
        this.rttUs = rttUs;
    }

    /**
     * Applies one over-use signal (once per feedback).
     *
     * @param ackedBps the acknowledged rate, or -1 while unknown
     * @return the new delay-based rate, bit/s
     */
    long update(BandwidthUsage usage, long ackedBps, long nowUs) {
        if (usage == BandwidthUsage.OVERUSE && !mayDecrease(ackedBps, nowUs)) {
            return rateBps; // one congestion event, one decrease
        }
        state = switch (usage) {
            case OVERUSE -> State.DECREASE;
            case UNDERUSE -> State.HOLD;
            case NORMAL -> state == State.DECREASE ? State.HOLD : State.INCREASE;
        };
        long dtUs = lastChangeUs == Long.MIN_VALUE ? 0 : Math.min(nowUs - lastChangeUs, 1_000_000);
        switch (state) {
            case INCREASE -> increase(ackedBps, Math.max(dtUs, 0));
            case DECREASE -> decrease(ackedBps, nowUs);
            case HOLD -> { }
        }
        rateBps = Math.max(minBps, Math.min(maxBps, rateBps));
        lastChangeUs = nowUs;
        return rateBps;
    }

    long rateBps() {
        return rateBps;
    }

    /** A probe delivered this rate without congestion: the rate rises to it at once. */
    void raiseTo(long bps) {
        rateBps = Math.max(rateBps, Math.min(maxBps, bps));
    }

    State state() {
        return state;
    }

    private void increase(long ackedBps, long dtUs) {
        if (ackedBps >= 0 && linkCapacity.known() && ackedBps > linkCapacity.upperBps()) {
            linkCapacity.reset(); // the path got faster: search multiplicatively again
        }
        double seconds = dtUs / 1e6;
        double step;
        if (linkCapacity.known()) {
            double responseS = (rttUs + RESPONSE_EXTRA_US) / 1e6;
            step = Math.max(MIN_ADDITIVE_BPS_PER_SECOND, PACKET_BITS / responseS) * seconds;
        } else {
            step = Math.max(rateBps * (Math.pow(MULTIPLICATIVE_PER_SECOND, seconds) - 1), 1000 * seconds);
        }
        long next = rateBps + (long) step;
        if (ackedBps >= 0) {
            long limit = (long) (1.5 * ackedBps) + 10_000;
            next = Math.min(next, Math.max(rateBps, limit));
        }
        rateBps = next;
    }

    private void decrease(long ackedBps, long nowUs) {
        long measured = ackedBps >= 0 ? ackedBps : rateBps;
        if (linkCapacity.known() && measured < linkCapacity.lowerBps()) {
            linkCapacity.reset(); // the path got slower: the old congestion point no longer holds
        }
        linkCapacity.onCongestion(measured);
        long next = Math.min(rateBps, (long) (BETA * measured));
        rateBps = next;
        lastDecreaseUs = nowUs;
        state = State.HOLD;
    }

    /** Not twice within one RTT (10..200 ms), unless the acknowledged rate halved meanwhile. */
    private boolean mayDecrease(long ackedBps, long nowUs) {
        if (lastDecreaseUs == Long.MIN_VALUE) {
            return true;
        }
        long wait = Math.max(10_000, Math.min(rttUs, 200_000));
        return nowUs - lastDecreaseUs >= wait || ackedBps >= 0 && ackedBps < rateBps / 2;
    }
}
