package dev.beam.media.bwe;

import dev.beam.media.rtp.TransportCcFeedback;

/**
 * Estimates one viewer's available bandwidth on the send side, as Google Congestion Control does
 * (draft-ietf-rmcat-gcc-02): the server stamps each packet it sends the viewer with a
 * transport-wide sequence number and records it here ({@link #onPacketSent}); the viewer's
 * transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01) says which arrived
 * and when ({@link #onFeedback}). The estimate is the smaller of a delay-based one (§5) and a
 * loss-based one (§6), within [min, max].
 *
 * <p>Times are the caller's: send and feedback times on the server's monotonic clock, in µs; the
 * viewer's arrival times are only ever subtracted from each other. Rates are bit/s.
 *
 * <p>Not thread-safe, by design: one viewer's estimator belongs to the one thread that sends to
 * and hears from that viewer.
 */
public final class BandwidthEstimator {
    /** Why the estimate is where it is, as of the last feedback. */
    public enum Reason {
        /** Rising: no congestion seen (delay-based or loss-based increase). */
        INCREASING,
        /** Unchanged: a queue is draining, or moderate loss (2–10 %), or too little feedback yet. */
        HOLDING,
        /** Lowered by the last feedback: the queuing delay grew (over-use, §5.4). */
        DECREASING_DELAY,
        /** Lowered by the last feedback: more than 10 % of packets were lost (§6). */
        DECREASING_LOSS
    }

    private static final int REFERENCE_TIME_BITS = 24;

    private final SentPackets sent = new SentPackets();
    private final AcknowledgedBitrate acknowledged = new AcknowledgedBitrate();
    private final DelayBasedEstimator delayBased;
    private final LossBasedControl lossBased;
    private final TransportCcFeedback.PacketVisitor visitor = this::onStatus;
    private final long minBps;
    private final long maxBps;
    private long estimateBps;
    private Reason reason = Reason.HOLDING;
    private long rttUs = 100_000;
    private boolean referenceKnown;
    private int lastReference;
    private int feedbackExpected;
    private int feedbackLost;
    private double feedbackLossFraction;
    private long unwrappedReference;
    private long arrivalOffsetUs; // added to the visitor's arrival times: undoes the 24-bit wrap

    /**
     * @param minBps   the estimate never goes below this (e.g. 100 kbit/s)
     * @param startBps the estimate until feedback says otherwise (e.g. 1 Mbit/s)
     * @param maxBps   nor above this (e.g. 20 Mbit/s)
     */
    public BandwidthEstimator(long minBps, long startBps, long maxBps) {
        if (minBps <= 0 || startBps < minBps || maxBps < startBps) {
            throw new IllegalArgumentException("need 0 < min <= start <= max");
        }
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.estimateBps = startBps;
        this.delayBased = new DelayBasedEstimator(minBps, startBps, maxBps);
        this.lossBased = new LossBasedControl(startBps);
    }

    /**
     * Records a packet just sent.
     *
     * @param transportSeq the transport-wide sequence number it carries (only the low 16 bits,
     *                     those on the wire, are used; a wider counter is fine)
     * @param size         bytes on the wire that the congestion controller accounts (the RTP packet)
     */
    public void onPacketSent(long transportSeq, int size, long sendTimeUs) {
        sent.record(transportSeq, size, sendTimeUs);
    }

    /**
     * Takes one transport-cc feedback from the viewer and updates the estimate.
     *
     * @return false when it is not a well-formed transport-cc feedback (nothing changed)
     */
    public boolean onFeedback(byte[] buf, int off, int len, long nowUs) {
        if (!TransportCcFeedback.isTransportCc(buf, off, len)) {
            return false;
        }
        int reference = TransportCcFeedback.referenceTime(buf, off);
        long unwrapped = unwrapReference(reference);
        arrivalOffsetUs = (unwrapped - reference) * TransportCcFeedback.REFERENCE_TIME_UNIT_US;
        feedbackExpected = 0;
        feedbackLost = 0;
        if (!TransportCcFeedback.forEachPacket(buf, off, len, visitor)) {
            return false;
        }
        feedbackLossFraction = feedbackExpected == 0 ? 0 : (double) feedbackLost / feedbackExpected;
        referenceKnown = true;
        lastReference = reference;
        unwrappedReference = unwrapped;
        long delayBps = delayBased.update(acknowledged.bitrateBps(), nowUs);
        long lossBps = lossBased.update(estimateBps, rttUs, nowUs);
        long previous = estimateBps;
        estimateBps = Math.max(minBps, Math.min(maxBps, Math.min(delayBps, lossBps)));
        reason = reason(previous, lossBps < delayBps);
        return true;
    }

    /**
     * A probe (the sender padding its stream up to a higher rate for a while) was delivered at this
     * rate: as libwebrtc does with a probe's result, both controllers rise to it at once where they
     * see no congestion, rather than climbing 8 % a second.
     */
    public void onProbeResult(long deliveredBps) {
        delayBased.probed(deliveredBps);
        lossBased.probed(deliveredBps);
        long previous = estimateBps;
        estimateBps = Math.max(minBps, Math.min(maxBps, Math.min(delayBased.rateBps(), lossBased.rateBps())));
        if (estimateBps > previous) {
            reason = Reason.INCREASING;
        }
    }

    /** The round-trip time to the viewer (e.g. from RTCP), for the controllers' pacing of changes. */
    public void onRoundTripTime(long rttUs) {
        this.rttUs = Math.max(rttUs, 0);
        delayBased.setRoundTripTime(this.rttUs);
    }

    /** The available bandwidth to send to this viewer, bit/s. */
    public long estimateBps() {
        return estimateBps;
    }

    public Reason reason() {
        return reason;
    }

    /** What the viewer received over the last 500 ms, bit/s; -1 until that much was reported. */
    public long acknowledgedBps() {
        return acknowledged.bitrateBps();
    }

    public long delayBasedBps() {
        return delayBased.rateBps();
    }

    public long lossBasedBps() {
        return lossBased.rateBps();
    }

    /**
     * Loss fraction (0..1) of the last feedback alone: too few packets to act on for the estimate
     * (see {@link LossBasedControl}), but a quick sign that a probe overflows the path.
     */
    public double lastFeedbackLossFraction() {
        return feedbackLossFraction;
    }

    /** Loss fraction (0..1) of the last evaluated stretch of feedback. */
    public double lossFraction() {
        return lossBased.lossFraction();
    }

    private void onStatus(int sequence, boolean received, long arrivalUs) {
        int slot = sent.find(sent.unwrap(sequence));
        if (slot < 0 || sent.isReceived(slot)) {
            return; // not ours, forgotten, or already acknowledged
        }
        // A packet reported lost and received in a later feedback counts twice here, once lost:
        // rare, and it errs towards caution.
        lossBased.onStatus(received);
        feedbackExpected++;
        feedbackLost += received ? 0 : 1;
        if (received) {
            sent.markReceived(slot);
            long arrival = arrivalUs + arrivalOffsetUs;
            acknowledged.onPacket(arrival, sent.size(slot));
            delayBased.onPacket(sent.sendTimeUs(slot), arrival);
        }
    }

    /**
     * The 24-bit reference time (64 ms units) wraps after about 12 days; arrival times must not
     * jump when it does, so it is unwrapped relative to the previous feedback's.
     */
    private long unwrapReference(int reference) {
        if (!referenceKnown) {
            return reference;
        }
        int shift = 32 - REFERENCE_TIME_BITS;
        return unwrappedReference + ((reference - lastReference) << shift >> shift);
    }

    /**
     * A decrease is blamed on the controller that set the new estimate. Otherwise the estimate is
     * increasing while neither controller holds it back (the delay-based one in its Increase
     * state, loss below 2 %), even in a feedback where the one in charge did not move.
     */
    private Reason reason(long previousBps, boolean lossInCharge) {
        if (estimateBps < previousBps) {
            return lossInCharge ? Reason.DECREASING_LOSS : Reason.DECREASING_DELAY;
        }
        boolean free = delayBased.increasing() && !lossBased.holding();
        return free && estimateBps < maxBps ? Reason.INCREASING : Reason.HOLDING;
    }
}
