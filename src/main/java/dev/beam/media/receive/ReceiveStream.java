package dev.beam.media.receive;

import dev.beam.media.rtp.ReceiveStatistics;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.TemporalLayerReader;
import dev.beam.media.rtp.TemporalLayering;
import dev.beam.media.rtp.Vp8;

/**
 * One stream (one SSRC) the broadcaster sends: its statistics, duplicate filter, loss detection
 * for NACKs, keyframe state and, for video, the history that viewers' retransmissions come from.
 * Everything a simulcast layer or a second source needs is here, per SSRC.
 *
 * <p>Threads: the receive-path methods run on the broadcaster's worker, one packet at a time;
 * {@link #copy}, {@link #epoch} and {@link #requestKeyframe} are called from any thread.
 */
public final class ReceiveStream {
    private final long ssrc;
    private final SourceTrack track;
    /** The simulcast layer this stream carries (RFC 8852 rid), or null without simulcast. */
    private final String rid;
    private final RateMeter rate = new RateMeter();
    private final RecentPeak peakRate = new RecentPeak();
    /** Video only: what each temporal layer carries, for a viewer's choice of temporal layers. */
    private final TemporalRates temporalRates;
    /** {@link Long#MIN_VALUE} before the first packet (monotonic time may be negative). */
    private volatile long lastPacketNanos = Long.MIN_VALUE;
    private final ReceiveStatistics statistics = new ReceiveStatistics();
    private final DuplicateFilter duplicates = new DuplicateFilter();
    private final KeyframeDetector keyframes;
    /** AV1 with the dependency descriptor only: its structure, and its keyframes. */
    private final Av1Descriptors av1;
    /** How its packets say their temporal layers. */
    private final TemporalLayerReader layering;
    private final KeyframeRequester keyframeRequests;
    /** Video only: what viewers may ask again for. */
    private final PacketHistory history;
    /** Only when the broadcaster takes NACKs. */
    private final NackGenerator nacks;
    private volatile int epoch;
    private volatile boolean superseded;
    /** RTP timestamp of the last keyframe marked, -1 for none: a timestamp is one frame. */
    private long lastKeyframeTimestamp = -1;
    /** Width times height of its latest VP8 key frame, -1 when not known (other codecs). */
    private volatile int keyframePixels = -1;

    ReceiveStream(long ssrc, SourceTrack track, String rid, KeyframeRequester keyframeRequests) {
        this.ssrc = ssrc;
        this.track = track;
        this.rid = rid;
        this.keyframes = KeyframeDetector.forCodec(track.codec());
        this.av1 = keyframes == KeyframeDetector.AV1 && track.dependencyDescriptorExtensionId() > 0
                ? new Av1Descriptors(track.dependencyDescriptorExtensionId()) : null;
        this.layering = av1 != null ? av1.layering() : TemporalLayering.forCodec(track.codec());
        this.keyframeRequests = track.isVideo() ? keyframeRequests : null;
        this.history = track.isVideo() ? new PacketHistory() : null;
        this.temporalRates = track.isVideo() ? new TemporalRates(layering) : null;
        this.nacks = track.isVideo() && track.nack() ? new NackGenerator() : null;
    }

    public long ssrc() {
        return ssrc;
    }

    public SourceTrack track() {
        return track;
    }

    /** How its packets say their temporal layers; safe to read from any thread. */
    public TemporalLayerReader layering() {
        return layering;
    }

    /** The simulcast layer (rid) this stream carries, or null. */
    public String rid() {
        return rid;
    }

    /**
     * The numbering epoch: it moves on when the broadcaster restarts its sequence numbers, and
     * numbers of different epochs never name the same packet.
     */
    public int epoch() {
        return epoch;
    }

    /** Stage: lets only the first copy of each sequence number through, tagging it with the epoch. */
    public boolean firstCopy(Packet packet) {
        if (!duplicates.firstCopy(RtpPacket.sequenceNumber(packet.buf, 0))) {
            return false;
        }
        if (duplicates.epoch() != epoch) {
            if (history != null) {
                history.clear();
            }
            epoch = duplicates.epoch();
        }
        packet.epoch(epoch);
        return true;
    }

    /**
     * Stage: RFC 3550 A.1/A.3/A.8 reception statistics, and the stream's bitrate and latest arrival, which rank
     * simulcast layers: those count only new media, not repairs from RTX nor padding-only packets (probes).
     */
    public void count(Packet packet) {
        if (!packet.isRetransmission() && RtpPacket.isValid(packet.buf, 0, packet.length)
                && RtpPacket.payloadLength(packet.buf, 0, packet.length) > 0) {
            rate.add(packet.length, packet.receivedNanos());
            if (temporalRates != null) {
                temporalRates.add(packet.buf, packet.length, packet.receivedNanos());
            }
            lastPacketNanos = packet.receivedNanos();
        }
        long arrivalUnits = packet.receivedNanos() / 1000 * track.clockRate() / 1_000_000;
        statistics.packetReceived(RtpPacket.sequenceNumber(packet.buf, 0), RtpPacket.timestamp(packet.buf, 0),
                arrivalUnits);
    }

    /** Stage: gaps become NACKs to the broadcaster (RFC 4585 §6.2.1). */
    public void detectLoss(Packet packet) {
        if (nacks != null) {
            nacks.received(RtpPacket.sequenceNumber(packet.buf, 0), packet.receivedNanos() / 1_000_000);
        }
    }

    /**
     * Stage: marks where a keyframe starts, once per frame (an H.264 key frame has a packet with
     * its SPS, then the start of its IDR slice); an arriving keyframe answers the pending request.
     * AV1 with the dependency descriptor is read by it, and the structure it attaches kept.
     */
    public void detectKeyframe(Packet packet) {
        boolean starts = av1 != null ? av1.startsKeyframe(packet.buf, packet.length)
                : keyframes != null && keyframes.startsKeyframe(packet.buf, packet.length);
        if (!starts) {
            return;
        }
        long timestamp = RtpPacket.timestamp(packet.buf, 0);
        if (timestamp != lastKeyframeTimestamp) {
            lastKeyframeTimestamp = timestamp;
            if (track.isSimulcast() && "VP8".equalsIgnoreCase(track.codec())) {
                int at = RtpPacket.payloadOffset(packet.buf, 0, packet.length);
                keyframePixels = at < 0 ? -1
                        : Vp8.keyframePixels(packet.buf, at, RtpPacket.payloadLength(packet.buf, 0, packet.length));
            }
            packet.markKeyframeStart();
            keyframeRequests.keyframeArrived();
        }
    }

    /** Stage: keeps video for viewers' retransmissions. */
    public void keep(Packet packet) {
        if (history != null) {
            history.store(packet.buf, 0, packet.length);
        }
    }

    /**
     * Copies the packet with this sequence number of this epoch into {@code dst}: its length, or
     * -1 when it is not held (audio, evicted, or numbered in another epoch).
     */
    public int copy(int sequenceNumber, int packetEpoch, byte[] dst, int dstOff) {
        if (history == null || packetEpoch != epoch) {
            return -1;
        }
        int length = history.copy(sequenceNumber, dst, dstOff);
        // The worker clears the history and moves the epoch on before storing newly numbered
        // packets: if the copy raced with that, the epoch read now tells.
        return packetEpoch == epoch ? length : -1;
    }

    /** Asks the broadcaster for a keyframe of this stream (throttled); false if it is not video. */
    public boolean requestKeyframe() {
        return keyframeRequests != null && keyframeRequests.request();
    }

    /** A newer stream of the same track arrived: the broadcaster switched, and this one is no longer forwarded. */
    public boolean isSuperseded() {
        return superseded;
    }

    void supersede() {
        superseded = true;
    }

    public boolean isVideo() {
        return track.isVideo();
    }

    /** Width times height of its latest VP8 key frame, -1 when not known. */
    int keyframePixels() {
        return keyframePixels;
    }

    /** Bits per second over the last second; the broadcaster's worker only. */
    long bitsPerSecond(long nowNanos) {
        return rate.bitsPerSecond(nowNanos);
    }

    /**
     * The highest of those bits per second over the last {@value RecentPeak#SECONDS} s, as sampled
     * by each call (at each ranking); the broadcaster's worker only.
     */
    long peakBitsPerSecond(long nowNanos) {
        return peakRate.offer(rate.bitsPerSecond(nowNanos), nowNanos);
    }

    /**
     * Bits per second of its temporal layers up to each one (see {@link TemporalRates}); empty for
     * audio. The broadcaster's worker only.
     */
    long[] temporalBitsPerSecond(long nowNanos) {
        return temporalRates == null ? new long[0] : temporalRates.cumulativeBitsPerSecond(nowNanos);
    }

    /** Frames per second of its temporal layers up to each one; empty as {@link #temporalBitsPerSecond} is. */
    long[] temporalFramesPerSecond(long nowNanos) {
        return temporalRates == null ? new long[0] : temporalRates.cumulativeFramesPerSecond(nowNanos);
    }

    /** When its latest packet arrived (monotonic ns), {@link Long#MIN_VALUE} before the first. */
    long lastPacketNanos() {
        return lastPacketNanos;
    }

    ReceiveStatistics statistics() {
        return statistics;
    }

    NackGenerator nacks() {
        return nacks;
    }

    KeyframeRequester keyframeRequests() {
        return keyframeRequests;
    }
}
