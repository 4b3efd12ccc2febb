package dev.beam.media.send;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.rtp.DependencyDescriptor;
import dev.beam.media.rtp.ExtensionElements;
import dev.beam.media.rtp.PictureIdShift;
import dev.beam.media.rtp.RtcpWriter;
import dev.beam.media.rtp.RtpHeaderWriter;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.Rtx;
import dev.beam.media.rtp.TemporalLayerReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one viewer receives of one broadcaster track: its own SSRC, sequence numbers and
 * timestamps, continuous whichever source stream feeds it. When the source changes (a new SSRC,
 * or the broadcaster restarting its numbering), the numbering carries on from the last packet
 * sent, and so do VP8 and VP9 picture ids and TL0PICIDX, and AV1 dependency descriptor frame
 * numbers (the descriptor forwarded under the viewer's id); video restarts only at a keyframe, so
 * the viewer's decoder never gets a frame it cannot use.
 *
 * <p>The mapping from source numbers to the viewer's is fixed between such restarts, but for
 * the frames of temporal layers dropped for the viewer, each of which starts a new one (see
 * {@link ViewerNumbering}); a packet keeps the mapping it was first sent under, so a
 * retransmission is byte for byte the packet first sent: re-encrypted under its own SRTP index
 * it gives the same SRTP packet, and no per-viewer copy of what was sent is kept. The last
 * mappings are kept ({@link RecentMappings}), so that a packet sent before a switch of simulcast
 * layer or a dropped frame can still be resent. No two different packets are ever given one
 * viewer sequence number: a source's numbers before its restart point are neither forwarded nor
 * resent, nor are the packets of a dropped frame.
 *
 * <p>Threads: the forwarding methods run on the viewer's fan-out shard, one packet at a time;
 * the retransmission and report methods on the viewer's worker. They share only the published
 * {@link Mapping} and the highest number sent.
 */
public final class SendStream {
    private static final byte[] CNAME = "beam".getBytes(StandardCharsets.US_ASCII);

    /**
     * How a run of source numbers maps to the viewer's (see {@link ViewerNumbering}): from the
     * viewer's number {@code firstExt} to the next mapping's first, the offsets added, and the
     * highest temporal layer forwarded.
     *
     * @param frameNumberDelta added to an AV1 dependency descriptor's frame number, modulo 2^16
     * @param restart the serial of the mapping made at the restart point this one follows
     * @param serial  its place among the stream's mappings ({@link RecentMappings})
     */
    record Mapping(ReceiveStream source, int epoch, int seqOffset, long timestampOffset, long firstExt,
            PictureIdShift pictureShift, int frameNumberDelta, int temporalCap, long restart,
            TemporalLayerReader layering, long serial) {
        /** Whether the source packet was forwarded under this mapping, or dropped as above its temporal layer. */
        boolean carries(byte[] buf, int length) {
            return layering.temporalLayer(buf, 0, length) <= temporalCap;
        }
    }

    private final ViewerTrack track;
    private final ExtensionElements extensions;
    private final MediaStats stats;
    /** The layer the viewer gets of a video track, or null for audio. */
    private final ViewerLayer layer;

    // Forwarding state, the shard's alone.
    private ReceiveStream source;
    private int sourceEpoch;
    private final ViewerNumbering numbering;
    private long packetsSent;
    private long octetsSent;

    /** Made on the first NACK; the viewer worker's. The RTX numbering is shared with probes, sent from the shard. */
    private RetransmissionThrottle throttle;
    /** RFC 4588 §4: the RTX stream's own sequence numbers, from a random start. */
    private final AtomicInteger rtxSequence = new AtomicInteger(new SecureRandom().nextInt(1 << 16));
    private volatile ViewerReport report = ViewerReport.NONE;

    public SendStream(ViewerTrack track, MediaStats stats) {
        this(track, null, stats);
    }

    /** @param layer how the viewer's layer is chosen, for a video track; else null */
    public SendStream(ViewerTrack track, ViewerLayer layer, MediaStats stats) {
        this.track = track;
        this.extensions = track.extensions();
        this.stats = stats;
        this.layer = layer;
        this.numbering = new ViewerNumbering(track.clockRate(), track.dependencyDescriptorExtensionId());
    }

    /** The layer the viewer gets of a video track, or null for audio. */
    public ViewerLayer layer() {
        return layer;
    }

    public ViewerTrack track() {
        return track;
    }

    /**
     * Stage (filter) for a forwarded packet: whether it goes to this viewer. Starts or restarts
     * the numbering at the first packet of a new source (for video, its first keyframe; the
     * packets before it are dropped and a keyframe asked for), and drops the temporal layers
     * above what the viewer's layer choice wants.
     */
    public boolean admit(Outgoing out, long nowNanos) {
        out.stream = this;
        if (out.sourceStream.isSuperseded()) {
            return false;
        }
        if (layer != null && !layer.admits(out.sourceStream, source, numbering.temporalLayer(), out.keyframeStart,
                nowNanos)) {
            return false;
        }
        if (out.sourceStream != source || out.sourceEpoch != sourceEpoch || numbering.current() == null) {
            if (out.sourceStream.isVideo() && !out.keyframeStart) {
                out.sourceStream.requestKeyframe();
                return false;
            }
            source = out.sourceStream;
            sourceEpoch = out.sourceEpoch;
            numbering.restartAt(out, wantedTemporalLayer(), nowNanos);
        }
        return numbering.place(out, wantedTemporalLayer());
    }

    /**
     * The highest temporal layer the viewer's layer choice wants of the source forwarded now:
     * while it waits for another layer's keyframe, what it gets now.
     */
    private int wantedTemporalLayer() {
        if (layer == null) {
            return LayerSelector.ALL_TEMPORAL_LAYERS;
        }
        LayerSelector.Choice choice = layer.choice();
        return choice.stream() == source ? choice.temporalLayer() : numbering.temporalLayer();
    }

    /**
     * Stage (transform): the viewer's copy in {@code out.buf}, with its payload type, SSRC,
     * MID, sequence number and timestamp (RFC 3550 §5.1, RFC 8285), and picture ids, by the
     * mapping {@link #admit} or {@link #retransmission} found for it; an AV1 dependency descriptor
     * under the viewer's id with its frame number (see {@link ViewerNumbering}).
     */
    public boolean rewrite(Outgoing out) {
        int length = RtpHeaderWriter.rewrite(out.source, 0, out.sourceLength, out.buf, 0, track.payloadType(),
                track.ssrc(), extensionsFor(out));
        if (length < 0) {
            return false;
        }
        RtpPacket.setSequenceNumber(out.buf, 0, (RtpPacket.sequenceNumber(out.buf, 0) + out.seqShift) & 0xFFFF);
        RtpPacket.setTimestamp(out.buf, 0, (RtpPacket.timestamp(out.buf, 0) + out.timestampShift) & 0xFFFFFFFFL);
        out.pictureShift.applyTo(out.buf, 0, length);
        out.length = length;
        return true;
    }

    /**
     * The track's own elements, and the source's dependency descriptor where both sides negotiated it: as
     * the broadcaster sent it (a keyframe's with its structure, in the two-byte form when over 16 bytes,
     * RFC 8285 §4.3), its frame number shifted to the viewer's.
     */
    private ExtensionElements extensionsFor(Outgoing out) {
        int viewerId = track.dependencyDescriptorExtensionId();
        int sourceId = out.sourceStream.track().dependencyDescriptorExtensionId();
        int at = viewerId > 0 && sourceId > 0 ? RtpPacket.findExtension(out.source, 0, out.sourceLength, sourceId) : -1;
        if (at < 0) {
            return extensions;
        }
        ExtensionElements elements = out.elements;
        elements.clear();
        elements.addAll(extensions);
        int n = RtpPacket.extensionLength(out.source, 0, out.sourceLength, at);
        int index = elements.size();
        if (elements.add(viewerId, out.source, at, n)) {
            DependencyDescriptor.shiftFrameNumber(elements.data(), elements.offset(index), n, out.frameNumberShift);
        }
        return elements;
    }

    /** Stage (transform): a retransmission to a viewer that negotiated RTX goes on its RTX stream. */
    public boolean wrapRetransmission(Outgoing out) {
        if (!out.retransmission || !track.hasRtx()) {
            return true;
        }
        int length = Rtx.writeRtx(out.buf, 0, out.length, out.buf, 0, track.rtxPayloadType(), track.rtxSsrc(),
                rtxSequence.getAndIncrement() & 0xFFFF);
        out.length = length;
        return length > 0;
    }

    /** Stage (observe): counts what is sent, for the sender reports and the metrics. */
    public void count(Outgoing out, long nowNanos) {
        stats.sent(track.kind(), out.length);
        if (out.retransmission) {
            return;
        }
        numbering.sent(out.buf, out.length, nowNanos);
        packetsSent++;
        octetsSent += out.length - RtpPacket.headerLength(out.buf, 0, out.length);
    }

    /**
     * Points {@code out} at a copy of the packet the viewer names by its sequence number (RFC 4585
     * §6.2.1), for the send path to send again; false when it cannot be had: never sent (a
     * packet of a dropped temporal layer among them), or no longer in the broadcaster's history.
     */
    public boolean retransmission(int viewerSeq, Outgoing out) {
        Mapping m = numbering.sentUnder(viewerSeq);
        if (m == null) {
            return false;
        }
        byte[] copy = out.copyBuffer();
        int length = m.source().copy((viewerSeq - m.seqOffset()) & 0xFFFF, m.epoch(), copy, 0);
        if (length < 0 || !m.carries(copy, length)) {
            return false;
        }
        out.retransmitting(copy, length, m, this);
        return true;
    }

    /** Whether a NACKed number may be resent now: at most once per round trip to this viewer. */
    boolean mayResend(int viewerSeq, long nowMillis) {
        RetransmissionThrottle current = throttle;
        if (current == null) {
            current = throttle = new RetransmissionThrottle(); // most viewers never NACK: made on the first
            ViewerReport latest = report;
            if (latest.rttMillis() >= 0) {
                current.setRttMillis(latest.rttMillis());
            }
        }
        return current.shouldResend(viewerSeq, nowMillis);
    }

    /**
     * Writes an SR for this viewer from the broadcaster's (RFC 3550 §6.4.1): its NTP time,
     * already on the server's clock, and its RTP timestamp in the viewer's numbering, with the
     * counts of what was sent here, and the CNAME (§6.5) that ties audio and video together for
     * lip sync. Returns 0 when the report is not about the stream forwarded now.
     */
    public int writeSenderReport(ReceiveStream from, long ntpTimestamp, long rtpTimestamp, byte[] dst) {
        Mapping m = numbering.current();
        if (from != source || !numbering.hasSent() || m == null) {
            return 0;
        }
        int length = RtcpWriter.writeSenderReport(dst, 0, track.ssrc(), ntpTimestamp,
                (rtpTimestamp + m.timestampOffset()) & 0xFFFFFFFFL, packetsSent, octetsSent);
        return length + RtcpWriter.writeSdesCname(dst, length, track.ssrc(), CNAME);
    }

    /** What the viewer reports about this stream (RFC 3550 §6.4.2); a known round trip paces resends. */
    void reported(ViewerReport latest) {
        report = latest;
        RetransmissionThrottle current = throttle;
        if (current != null && latest.rttMillis() >= 0) {
            current.setRttMillis(latest.rttMillis());
        }
    }

    public ViewerReport report() {
        return report;
    }

    /** The viewer's stream named by an SSRC in its RTCP: this one's media or RTX SSRC. */
    boolean isNamedBy(long ssrc) {
        return ssrc == track.ssrc() || track.hasRtx() && ssrc == track.rtxSsrc();
    }

    /** The highest sequence number the viewer was sent, extended past 16 bits; -1 before the first. */
    public long highestSent() {
        return numbering.highestSent();
    }

    /**
     * The stream a keyframe request from the viewer is for: the simulcast layer it is switching
     * to, if any (a viewer losing the layer it leaves must not make the broadcaster send that
     * layer's keyframes to everyone), else the one forwarded now; null before the first.
     */
    public ReceiveStream keyframeSource() {
        ReceiveStream wanted = layer == null || !layer.isSimulcast() ? null : layer.choice().stream();
        return wanted != null ? wanted : source();
    }

    /** The source stream forwarded now, or null. */
    public ReceiveStream source() {
        Mapping m = numbering.current();
        return m == null ? null : m.source();
    }
}
