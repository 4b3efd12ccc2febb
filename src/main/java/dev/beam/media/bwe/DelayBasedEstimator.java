package dev.beam.media.bwe;

/**
 * The delay-based half of draft-ietf-rmcat-gcc-02 (§5), on the send side: received packets are
 * grouped ({@link ArrivalGroups}, §5.2), the trend of the queuing delay is fitted
 * ({@link TrendlineFilter}, in place of §5.3's Kalman filter), compared with an adaptive threshold
 * ({@link OveruseDetector}, §5.4), and the signal drives the AIMD controller
 * ({@link AimdRateControl}, §5.5) once per feedback.
 */
final class DelayBasedEstimator {
    private final ArrivalGroups groups = new ArrivalGroups();
    private final TrendlineFilter trendline = new TrendlineFilter();
    private final OveruseDetector detector = new OveruseDetector();
    private final AimdRateControl rateControl;

    DelayBasedEstimator(long minBps, long startBps, long maxBps) {
        rateControl = new AimdRateControl(minBps, startBps, maxBps);
    }

    /** One received packet, in sequence order: its send time (sender's clock) and arrival (viewer's). */
    void onPacket(long sendUs, long arrivalUs) {
        if (groups.onPacket(sendUs, arrivalUs)) {
            double modified = trendline.update(groups.delayVariationUs(), groups.arrivalUs());
            detector.detect(modified, trendline.trend(), groups.sendDeltaUs(), groups.arrivalUs());
        }
    }

    /** Ends one feedback: the controller acts on the detector's current signal. */
    long update(long ackedBps, long nowUs) {
        return rateControl.update(detector.usage(), ackedBps, nowUs);
    }

    /** A probe's delivered rate (§5.5 leaves the start-up to the sender): taken unless the queue is growing. */
    void probed(long bps) {
        if (detector.usage() != BandwidthUsage.OVERUSE) {
            rateControl.raiseTo(bps);
        }
    }

    void setRoundTripTime(long rttUs) {
        rateControl.setRoundTripTime(rttUs);
    }

    long rateBps() {
        return rateControl.rateBps();
    }

    /** True while the controller is in its Increase state (§5.5): no congestion signalled. */
    boolean increasing() {
        return rateControl.state() == AimdRateControl.State.INCREASE;
    }
}
