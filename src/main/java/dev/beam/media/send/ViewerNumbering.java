package dev.beam.media.send;

import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.rtp.PictureIdShift;
import dev.beam.media.rtp.PictureNumbering;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.SentFrameNumbers;
import dev.beam.media.rtp.SentPictureIds;
import dev.beam.media.rtp.TemporalLayerReader;
import dev.beam.media.rtp.TemporalLayering;

/**
 * How a {@link SendStream}'s source packets are numbered for its viewer, and which of them it
 * gets of a stream with temporal layers. From a restart point (see {@link SendStream}) the source's
 * numbers map to the viewer's piecewise: each {@link SendStream.Mapping} adds fixed offsets to a
 * run of source packets, and a new one starts after the frames of temporal layers above the
 * viewer's cap that were dropped, taking one off the sequence number for each dropped packet and
 * off the picture id for each dropped picture. So the viewer sees consecutive sequence numbers (a
 * dropped frame is no loss to NACK) and consecutive picture ids; TL0PICIDX is unchanged, as no
 * layer 0 frame is ever dropped. A dropped packet's number is that of the next one forwarded, so
 * no two packets are given one number. An AV1 dependency descriptor's frame number is shifted only
 * at a restart ({@link SentFrameNumbers}): its frames name their references by frame number
 * differences, so dropped frames leave gaps there.
 *
 * <p>The cap goes down at any frame start and up only at a frame the codec marks as a switching
 * point, or a keyframe ({@link TemporalLayering#raisedCap}). A packet arriving after later ones is
 * numbered, and kept or dropped, by the mapping of its place in the source's order: a packet that
 * was lost from a dropped frame and comes late leaves a gap the viewer may NACK, and that NACK is
 * not answered ({@link SendStream.Mapping#carries}).
 *
 * <p>The shard's alone, but for {@link #highestSent} and the {@link RecentMappings}.
 */
final class ViewerNumbering {
    static final long NONE = -1;
    private static final int ALL = Integer.MAX_VALUE;

    private final RecentMappings mappings = new RecentMappings();
    private final int clockRate;
    /** Made at the first restart, from the source's codec. */
    private SentPictureIds pictureIds;
    private final SentFrameNumbers frameNumbers;
    /** The source stream's, taken at each restart. */
    private TemporalLayerReader layering = TemporalLayering.NONE;
    /** The newest mapping; read by the viewer's worker too. */
    private volatile SendStream.Mapping mapping;
    /** The highest source number placed since the restart, extended; dropped packets count. */
    private long sourceHighest;
    /** The highest temporal layer forwarded, {@link #ALL} for all. */
    private int cap = ALL;
    /** Packets and pictures dropped in order since the mapping began, to take off the next one's numbers. */
    private int droppedPackets;
    private int droppedPictures;
    private long lastDroppedTimestamp = -1;
    private long highestExt = NONE;
    private long lastTimestamp;
    private long lastSentNanos;
    private volatile long highestSent = NONE;

    /** @param descriptorExtensionId the viewer's id for the AV1 dependency descriptor, 0 without */
    ViewerNumbering(int clockRate, int descriptorExtensionId) {
        this.clockRate = clockRate;
        this.frameNumbers = new SentFrameNumbers(descriptorExtensionId);
    }

    /** The mapping of the newest packets, or null before the first restart. */
    SendStream.Mapping current() {
        return mapping;
    }

    /** The highest temporal layer forwarded now, {@link LayerSelector#ALL_TEMPORAL_LAYERS} for all. */
    int temporalLayer() {
        return cap == ALL ? LayerSelector.ALL_TEMPORAL_LAYERS : cap;
    }

    /**
     * Makes this packet (a keyframe's, for video) the restart point: the viewer's numbering carries
     * on after the last one sent (a new source's own numbers mean nothing to the viewer), and its
     * timestamps after the last one, advanced by the time since it went out; from it the viewer
     * gets temporal layers up to {@code wanted}.
     */
    void restartAt(Outgoing out, int wanted, long nowNanos) {
        int seq = RtpPacket.sequenceNumber(out.source, 0);
        long timestamp = RtpPacket.timestamp(out.source, 0);
        int seqOffset;
        long timestampOffset;
        long firstExt;
        if (highestExt == NONE) {
            seqOffset = 0;
            timestampOffset = 0;
            firstExt = (1L << 16) + seq;
        } else {
            seqOffset = ((int) (highestExt + 1) - seq) & 0xFFFF;
            long elapsed = Math.max(1, (nowNanos - lastSentNanos) / 1000 * clockRate / 1_000_000);
            timestampOffset = (lastTimestamp + elapsed - timestamp) & 0xFFFFFFFFL;
            firstExt = highestExt + 1;
        }
        ReceiveStream source = out.sourceStream;
        if (pictureIds == null) {
            pictureIds = new SentPictureIds(PictureNumbering.forCodec(source.track().codec()));
        }
        layering = source.layering();
        PictureIdShift pictureShift = pictureIds.restartAt(out.source, 0, out.sourceLength);
        int frameNumberDelta = frameNumbers.restartAt(out.source, 0, out.sourceLength,
                source.track().dependencyDescriptorExtensionId());
        sourceHighest = (1L << 16) + seq - 1;
        droppedPackets = 0;
        droppedPictures = 0;
        cap = wanted < 0 ? ALL : wanted; // a keyframe: any temporal layer can follow
        long serial = mappings.nextSerial();
        start(new SendStream.Mapping(source, out.sourceEpoch, seqOffset, timestampOffset, firstExt, pictureShift,
                frameNumberDelta, cap, serial, layering, serial));
    }

    /**
     * Whether the packet goes to the viewer, whose layer choice wants temporal layers up to
     * {@code wanted} ({@link LayerSelector#ALL_TEMPORAL_LAYERS} for all) of it; if so, sets the
     * numbering it is sent under in {@code out}.
     */
    boolean place(Outgoing out, int wanted) {
        byte[] buf = out.source;
        int length = out.sourceLength;
        int seq = RtpPacket.sequenceNumber(buf, 0);
        long src = sourceHighest + (short) (seq - (int) sourceHighest);
        if (src <= sourceHighest) {
            SendStream.Mapping under = mappings.holding(seq, this::extend);
            return under != null && under.carries(buf, length) && out.numberedBy(under);
        }
        int target = wanted < 0 ? ALL : wanted;
        if (target == ALL && cap == ALL && droppedPackets == 0) {
            sourceHighest = src; // nothing dropped, nor to drop: the descriptor need not be read
            return out.numberedBy(mapping);
        }
        int nextCap = cap;
        if (out.keyframeStart) {
            nextCap = target;
        } else if (layering.startsFrame(buf, 0, length)) {
            nextCap = target < cap ? target : layering.raisedCap(buf, 0, length, cap, target);
        }
        boolean drop = layering.temporalLayer(buf, 0, length) > nextCap;
        long timestamp = RtpPacket.timestamp(buf, 0);
        long missing = src - sourceHighest - 1;
        if (missing > 0 && droppedPackets > 0) {
            if (drop && timestamp == lastDroppedTimestamp) {
                droppedPackets += (int) missing; // lost from the frame being dropped: no numbers for them either
            } else {
                startAfterDrops(sourceHighest + 1); // the lost ones may yet come, and keep their numbers
            }
        }
        sourceHighest = src;
        boolean capChanged = nextCap != cap;
        cap = nextCap;
        if (drop) {
            droppedPackets++;
            if (timestamp != lastDroppedTimestamp) {
                droppedPictures++;
                lastDroppedTimestamp = timestamp;
            }
            return false;
        }
        if (droppedPackets > 0 || capChanged) {
            startAfterDrops(src);
        }
        return out.numberedBy(mapping);
    }

    /** A mapping from source number {@code firstSource} on, with what was dropped before it taken off. */
    private void startAfterDrops(long firstSource) {
        SendStream.Mapping last = mapping;
        int seqOffset = (last.seqOffset() - droppedPackets) & 0xFFFF;
        PictureIdShift pictures = last.pictureShift();
        if (droppedPictures > 0) {
            pictures = new PictureIdShift(pictures.numbering(), pictures.pictureIdDelta() - droppedPictures,
                    pictures.tl0PicIdxDelta());
        }
        long firstExt = extend((int) (firstSource + seqOffset) & 0xFFFF);
        droppedPackets = 0;
        droppedPictures = 0;
        start(new SendStream.Mapping(last.source(), last.epoch(), seqOffset, last.timestampOffset(), firstExt,
                pictures, last.frameNumberDelta(), cap, last.restart(), layering, mappings.nextSerial()));
    }

    private void start(SendStream.Mapping next) {
        mapping = next;
        mappings.add(next);
    }

    /** Takes note of a packet as sent to the viewer (not a retransmission), in its numbering. */
    void sent(byte[] buf, int length, long nowNanos) {
        pictureIds.sent(buf, 0, length);
        frameNumbers.sent(buf, 0, length);
        long ext = extend(RtpPacket.sequenceNumber(buf, 0));
        if (ext > highestExt) {
            highestExt = ext;
            lastTimestamp = RtpPacket.timestamp(buf, 0);
            lastSentNanos = nowNanos;
            highestSent = ext;
        }
    }

    /** The mapping the viewer's packet numbered {@code viewerSeq} was sent under, or null if never sent. */
    SendStream.Mapping sentUnder(int viewerSeq) {
        long top = highestSent; // read before the mappings: sent() and start() write in the other order
        long ext = top + (short) (viewerSeq - (int) top);
        return top == NONE || ext > top ? null : mappings.of(ext);
    }

    /** The highest sequence number the viewer was sent, extended past 16 bits; -1 before the first. */
    long highestSent() {
        return highestSent;
    }

    /** Whether anything was sent yet. */
    boolean hasSent() {
        return highestExt != NONE;
    }

    private long extend(int seq) {
        if (highestExt == NONE) {
            return (1L << 16) + seq;
        }
        return highestExt + (short) (seq - (int) highestExt);
    }
}
