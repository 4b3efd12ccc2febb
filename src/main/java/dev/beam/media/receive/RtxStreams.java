package dev.beam.media.receive;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.RtpStreamId;
import dev.beam.media.rtp.Rtx;
import java.util.List;

/**
 * A broadcaster's RTX streams (RFC 4588, SSRC-multiplexed as WebRTC sends them): each RTX packet is turned back
 * into the packet of the original stream it repairs, which then takes the receive path as a retransmission on the
 * original SSRC would. An RTX SSRC is tied to its original stream on its first packets:
 * <ul>
 *   <li>simulcast: by the repaired-rtp-stream-id extension (RFC 8852 §3.2), the rid of the layer it repairs,
 *       since browsers announce no SSRCs for simulcast;</li>
 *   <li>otherwise by the offer's a=ssrc-group:FID (RFC 5576 §4.2), else by the payload type's apt when the track
 *       has one stream.</li>
 * </ul>
 * At most {@value #MAX_RTX_STREAMS} RTX SSRCs are remembered, so that a broadcaster cannot make the server keep
 * state without bound; what maps to no stream is dropped and counted.
 *
 * <p>On the broadcaster's worker only.
 */
public final class RtxStreams {
    static final int MAX_RTX_STREAMS = ReceiveStreams.MAX_STREAMS;

    private final SourceTrack[] trackByRtxPayloadType = new SourceTrack[128];
    private final ReceiveStreams streams;
    private final MediaStats stats;
    private final long[] rtxSsrcs = new long[MAX_RTX_STREAMS];
    private final ReceiveStream[] repaired = new ReceiveStream[MAX_RTX_STREAMS];
    private int size;

    /** RTX payload types that are also a track's media payload type are left to the media. */
    public RtxStreams(List<SourceTrack> tracks, ReceiveStreams streams, MediaStats stats) {
        this.streams = streams;
        this.stats = stats;
        for (SourceTrack track : tracks) {
            int pt = track.rtx().payloadType();
            if (track.rtx().negotiated() && !streams.isMedia(pt) && trackByRtxPayloadType[pt] == null) {
                trackByRtxPayloadType[pt] = track;
            }
        }
    }

    /** Whether the packet (plain RTP) is under a negotiated RTX payload type. */
    public boolean isRtx(Packet packet) {
        return trackByRtxPayloadType[RtpPacket.payloadType(packet.buf, 0)] != null;
    }

    /**
     * Stage: lets through RTX packets that carry an original packet; padding-only ones (no payload after the OSN,
     * as browsers send to probe the bandwidth) are counted and dropped, their arrival already recorded for
     * transport-cc feedback.
     */
    public boolean carriesOriginal(Packet packet) {
        if (isPaddingOnly(packet.buf, packet.length)) {
            stats.rtxPaddingDrops.increment();
            return false;
        }
        return true;
    }

    /** Nothing of an original packet after the OSN (RFC 4588 §4): padding, or not even an OSN. */
    static boolean isPaddingOnly(byte[] buf, int length) {
        return !RtpPacket.isValid(buf, 0, length) || RtpPacket.payloadLength(buf, 0, length) <= Rtx.OVERHEAD;
    }

    /**
     * Stage: rebuilds the original packet in place (RFC 4588 §4: the OSN as sequence number, the original SSRC, the
     * apt as payload type) and marks it a retransmission; false, counted, when its stream is not known.
     */
    public boolean unwrap(Packet packet) {
        ReceiveStream original = original(packet);
        if (original == null) {
            stats.rtxUnmappedDrops.increment();
            return false;
        }
        int length = Rtx.unwrapRtx(packet.buf, 0, packet.length, packet.buf, 0, original.track().payloadType(),
                original.ssrc());
        if (length < 0) {
            return false;
        }
        packet.length = length;
        packet.markRetransmission();
        stats.rtxRepairs.increment();
        return true;
    }

    /** The stream the RTX packet repairs, learnt on the RTX SSRC's first packets; null when none. */
    private ReceiveStream original(Packet packet) {
        long rtxSsrc = RtpPacket.ssrc(packet.buf, 0);
        int known = indexOf(rtxSsrc);
        if (known >= 0 && !repaired[known].isSuperseded()) {
            return repaired[known];
        }
        ReceiveStream found = find(packet, trackByRtxPayloadType[RtpPacket.payloadType(packet.buf, 0)], rtxSsrc);
        if (found == null) {
            return null;
        }
        if (known >= 0) {
            repaired[known] = found;
        } else if (size < MAX_RTX_STREAMS) {
            rtxSsrcs[size] = rtxSsrc;
            repaired[size++] = found;
        } else {
            return null;
        }
        return found;
    }

    private ReceiveStream find(Packet packet, SourceTrack track, long rtxSsrc) {
        RtxFormat rtx = track.rtx();
        if (track.isSimulcast()) {
            String rid = rtx.repairedRidExtensionId() == 0 ? null
                    : RtpStreamId.read(packet.buf, 0, packet.length, rtx.repairedRidExtensionId());
            return rid == null || !track.rids().contains(rid) ? null : streams.current(track, rid);
        }
        Long primary = rtx.announcedSsrcs().get(rtxSsrc);
        if (primary != null) {
            ReceiveStream stream = streams.find(primary);
            return stream != null && stream.track() == track ? stream : null;
        }
        return streams.current(track, null);
    }

    private int indexOf(long rtxSsrc) {
        for (int i = 0; i < size; i++) {
            if (rtxSsrcs[i] == rtxSsrc) {
                return i;
            }
        }
        return -1;
    }
}
