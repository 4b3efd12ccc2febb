package dev.beam.media.send;

import dev.beam.media.bwe.BandwidthEstimator;
import dev.beam.media.receive.RateMeter;
import dev.beam.media.rtp.RtpPacket;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one viewer's network carries: every packet sent to it gets the next transport-wide
 * sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2) in the element its
 * answer reserved, and its transport-cc feedback drives a {@link BandwidthEstimator}. The
 * estimate is published for the layer choice on the fan-out shard.
 *
 * <p>GCC's loss-based half only holds its rate at 2-10 % loss, and a policer (a token bucket that
 * drops what exceeds it) never makes the queue grow for the delay-based half to see: a viewer on
 * a layer just over its link's rate would lose a few percent for good. So once {@value #LOSSY}
 * or more of the packets are lost while the viewer is sent more than it receives, what it was
 * seen to receive becomes a ceiling on the estimate (no lower than the estimate's own floor: a
 * window in which little got through, a stalled hop, says nothing of the link's rate), and only
 * a probe that gets through ({@link Prober}) lifts it again.
 *
 * <p>Threads: packets are stamped on the viewer's fan-out shard (forwarded media and probes) and
 * on its worker (retransmissions); feedback comes on the worker. The estimator is not
 * thread-safe, so each of them takes this object's lock, briefly and never while sending.
 */
public final class ViewerBandwidth {
    /**
     * Where an estimate starts before feedback, and its bounds (bit/s). It starts where the best
     * layer of a default broadcast fits, so that most viewers get it from their first frame; a
     * narrower link shows within a second or two, and the viewer goes down at the next keyframe.
     */
    static final long MIN_BPS = 100_000;
    static final long START_BPS = 2_500_000;
    static final long MAX_BPS = 20_000_000;
    /** A probe succeeded when the viewer received this share of the rate it aimed at. */
    static final double PROBE_DELIVERED = 0.9;
    /**
     * A probe is judged only once it has run this long: a policer (a token bucket holding, say,
     * half a second of its rate) passes a probe whole until its bucket is empty, which takes 2 s
     * for a probe aimed 25 % over the link's rate, so what a shorter probe gets through says more
     * about the bucket than about the link.
     */
    static final long PROBE_CONFIRM_MILLIS = 2000;
    static final double PROBE_MAX_LOSS = 0.05;
    static final double LOSSY = 0.02;
    /**
     * Loss says the link is full only while the viewer is sent this much more than it receives:
     * a few packets lost on a link carrying a fraction of what it could (noise, a probe's tail)
     * must not make the little it carried then a ceiling.
     */
    static final double SATURATED = 1.2;
    static final double RETRANSMISSION_SHARE = 0.5;
    static final long RETRANSMISSION_BURST_MILLIS = 250;

    private final int extensionId;
    private final LongAdder probesSucceeded;
    private final BandwidthEstimator estimator = new BandwidthEstimator(MIN_BPS, START_BPS, MAX_BPS);
    private final RateMeter sent = new RateMeter();
    private int sequence;
    /** The rate a probe in progress aims at, 0 when none, and since when. */
    private long probeTargetBps;
    private long probeStartNanos;
    private volatile long estimateBps = START_BPS;
    private volatile BandwidthEstimator.Reason reason = BandwidthEstimator.Reason.HOLDING;
    private volatile boolean congested;
    private volatile double lossFraction;
    /** What the viewer was seen to receive when it last lost packets; a successful probe raises it. */
    private long ceilingBps = Long.MAX_VALUE;
    private double retransmissionTokens;
    private long retransmissionRefilledNanos = Long.MIN_VALUE;

    /**
     * @param extensionId     the transport-wide sequence number's id in the viewer's answer (1..14)
     * @param probesSucceeded counts the probes whose delivered rate raised the estimate
     */
    public ViewerBandwidth(int extensionId, LongAdder probesSucceeded) {
        this.extensionId = extensionId;
        this.probesSucceeded = probesSucceeded;
    }

    /** The element the send path fills on every packet: its id, two bytes of data. */
    public int extensionId() {
        return extensionId;
    }

    /**
     * Stage (observe): the packet in {@code buf}, ready for encryption, gets the next
     * transport-wide number, and is remembered with its size and time for the estimate.
     */
    public void stamp(byte[] buf, int length, long nowNanos) {
        int data = RtpPacket.findExtension(buf, 0, length, extensionId);
        if (data < 0 || RtpPacket.extensionLength(buf, 0, length, data) != 2) {
            return;
        }
        synchronized (this) {
            int seq = sequence++ & 0xFFFF;
            buf[data] = (byte) (seq >> 8);
            buf[data + 1] = (byte) seq;
            estimator.onPacketSent(seq, length, nowNanos / 1000);
            sent.add(length, nowNanos);
        }
    }

    /** A transport-cc feedback (RTPFB FMT 15) from the viewer; false when it is not one. */
    public boolean feedback(byte[] buf, int off, int len, long nowNanos) {
        synchronized (this) {
            if (!estimator.onFeedback(buf, off, len, nowNanos / 1000)) {
                return false;
            }
            long delivered = estimator.acknowledgedBps();
            if (estimator.lossFraction() >= LOSSY && delivered > 0
                    && sent.bitsPerSecond(nowNanos) > SATURATED * delivered) {
                ceilingBps = Math.max(MIN_BPS, delivered);
            }
            if (probeTargetBps > 0 && nowNanos - probeStartNanos >= PROBE_CONFIRM_MILLIS * 1_000_000
                    && delivered >= probeTargetBps * PROBE_DELIVERED
                    && estimator.reason() != BandwidthEstimator.Reason.DECREASING_DELAY
                    && estimator.reason() != BandwidthEstimator.Reason.DECREASING_LOSS) {
                // An acknowledged rate over a short window can exceed what the path holds (a burst
                // arriving together): the probe proves its target at most. And it proves no more
                // than it got through: a target a little over a policed link's rate passes at 90 %
                // before the policer's bucket runs dry.
                long proven = Math.min(delivered, probeTargetBps);
                estimator.onProbeResult(proven);
                ceilingBps = Math.max(ceilingBps, proven);
                probesSucceeded.increment();
                probeTargetBps = 0;
            }
            estimateBps = Math.min(estimator.estimateBps(), ceilingBps);
            reason = estimator.reason();
            lossFraction = estimator.lossFraction();
            congested = reason == BandwidthEstimator.Reason.DECREASING_DELAY
                    || reason == BandwidthEstimator.Reason.DECREASING_LOSS
                    || estimator.lastFeedbackLossFraction() > PROBE_MAX_LOSS;
            return true;
        }
    }

    /**
     * Whether a retransmission of about this size fits the viewer's budget for them now:
     * {@value #RETRANSMISSION_SHARE} of its estimate, so that resending what a full link lost does
     * not overfill it further (each resend lost again is asked for again).
     */
    public synchronized boolean mayRetransmit(int bytes, long nowNanos) {
        double perSecond = estimateBps / 8.0 * RETRANSMISSION_SHARE;
        if (retransmissionRefilledNanos == Long.MIN_VALUE) {
            retransmissionTokens = perSecond * RETRANSMISSION_BURST_MILLIS / 1000;
        } else {
            retransmissionTokens = Math.min(perSecond * RETRANSMISSION_BURST_MILLIS / 1000,
                    retransmissionTokens + perSecond * (nowNanos - retransmissionRefilledNanos) / 1e9);
        }
        retransmissionRefilledNanos = nowNanos;
        if (retransmissionTokens < bytes) {
            return false;
        }
        retransmissionTokens -= bytes;
        return true;
    }

    /** A probe aims at this rate from now on (see {@link Prober}); 0: the probe ended. */
    public synchronized void probing(long targetBps, long nowNanos) {
        probeTargetBps = targetBps;
        probeStartNanos = nowNanos;
    }

    /** The round trip to the viewer from its receiver reports, which paces the estimator's changes. */
    public synchronized void roundTrip(long rttMillis) {
        estimator.onRoundTripTime(rttMillis * 1000);
    }

    /** The viewer's available bandwidth as last estimated, bit/s. */
    public long estimateBps() {
        return estimateBps;
    }

    /**
     * Whether the last feedback showed congestion, which a probe must not add to: it lowered the
     * estimate, or lost more than {@value #PROBE_MAX_LOSS} of its packets (a policer drops what a
     * probe adds without the queue growing first).
     */
    public boolean congested() {
        return congested;
    }

    /** The share of the viewer's packets lost over the last stretch of feedback evaluated (about 0.5 s), 0..1. */
    public double lossFraction() {
        return lossFraction;
    }

    /** Why the estimate is where it is. */
    public BandwidthEstimator.Reason reason() {
        return reason;
    }
}
