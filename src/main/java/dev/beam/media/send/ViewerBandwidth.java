package dev.beam.media.send;

import dev.beam.media.bwe.BandwidthEstimator;
import dev.beam.media.receive.RateMeter;
import dev.beam.media.rtp.RtpPacket;

/**
 * What one viewer's network carries: every packet sent to it gets the next transport-wide
 * sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2) in the element its
 * answer reserved, and its transport-cc feedback drives a {@link BandwidthEstimator}. The
 * estimate is published for the layer choice on the fan-out shard.
 *
 * <p>Threads: packets are stamped on the viewer's fan-out shard (forwarded media and probes) and
 * on its worker (retransmissions); feedback comes on the worker. The estimator is not
 * thread-safe, so each of them takes this object's lock, briefly and never while sending.
 */
public final class ViewerBandwidth {
    /** Where an estimate starts before feedback, and its bounds (bit/s). */
    static final long MIN_BPS = 100_000;
    static final long START_BPS = 1_000_000;
    static final long MAX_BPS = 20_000_000;

    private final int extensionId;
    private final BandwidthEstimator estimator = new BandwidthEstimator(MIN_BPS, START_BPS, MAX_BPS);
    private final RateMeter sent = new RateMeter();
    private int sequence;
    private volatile long estimateBps = START_BPS;
    private volatile BandwidthEstimator.Reason reason = BandwidthEstimator.Reason.HOLDING;

    /** @param extensionId the transport-wide sequence number's id in the viewer's answer (1..14) */
    public ViewerBandwidth(int extensionId) {
        this.extensionId = extensionId;
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
            estimateBps = estimator.estimateBps();
            reason = estimator.reason();
            return true;
        }
    }

    /** The round trip to the viewer from its receiver reports, which paces the estimator's changes. */
    public synchronized void roundTrip(long rttMillis) {
        estimator.onRoundTripTime(rttMillis * 1000);
    }

    /** The viewer's available bandwidth as last estimated, bit/s. */
    public long estimateBps() {
        return estimateBps;
    }

    /** Why the estimate is where it is. */
    public BandwidthEstimator.Reason reason() {
        return reason;
    }

    /** What was sent to the viewer over the last second, bit/s. */
    public synchronized long sentBps(long nowNanos) {
        return sent.bitsPerSecond(nowNanos);
    }
}
