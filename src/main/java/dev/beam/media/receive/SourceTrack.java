package dev.beam.media.receive;

import dev.beam.media.MediaStats;
import java.util.List;

/**
 * One of the broadcaster's tracks as negotiated (one m-line of its offer): what arrives under
 * its payload type is this track, on one or more streams (SSRCs).
 *
 * @param mid         the m-line's identification tag (RFC 8843)
 * @param codec       the codec name as in a=rtpmap ("opus", "VP8", "H264")
 * @param clockRate   RTP timestamp units per second
 * @param nack        whether the broadcaster takes generic NACKs for it (RFC 4585 §6.2.1)
 * @param firOnly     keyframes must be asked for with FIR (RFC 5104), not PLI
 * @param rids        the simulcast layers negotiated (RFC 8853), each a stream of its own; empty
 *                    without simulcast
 * @param ridExtensionId the id of the header extension that names a packet's layer (RFC 8852
 *                    §3.1, rtp-stream-id), 0 without simulcast
 * @param rtx         how its retransmissions arrive when they come on RTX streams, {@link RtxFormat#NONE} when
 *                    they come on its own streams
 * @param dependencyDescriptorExtensionId the id of the AV1 dependency descriptor extension (AV1 RTP payload
 *                    format, appendix A), 0 where not negotiated
 */
public record SourceTrack(MediaStats.Kind kind, String mid, int payloadType, String codec, int clockRate,
        boolean nack, boolean firOnly, List<String> rids, int ridExtensionId, RtxFormat rtx,
        int dependencyDescriptorExtensionId) {
    public SourceTrack {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType);
        }
        if (clockRate < 1) {
            throw new IllegalArgumentException("clock rate " + clockRate);
        }
        rids = List.copyOf(rids);
        if (!rids.isEmpty() && (ridExtensionId < 1 || ridExtensionId > 255)) {
            throw new IllegalArgumentException("simulcast without the rtp-stream-id extension: " + ridExtensionId);
        }
        if (rtx == null || rtx.payloadType() == payloadType) {
            throw new IllegalArgumentException("RTX format " + rtx + " for payload type " + payloadType);
        }
        if (dependencyDescriptorExtensionId < 0 || dependencyDescriptorExtensionId > 255) {
            throw new IllegalArgumentException("dependency descriptor id " + dependencyDescriptorExtensionId);
        }
    }

    /** A track without the dependency descriptor. */
    public SourceTrack(MediaStats.Kind kind, String mid, int payloadType, String codec, int clockRate, boolean nack,
            boolean firOnly, List<String> rids, int ridExtensionId, RtxFormat rtx) {
        this(kind, mid, payloadType, codec, clockRate, nack, firOnly, rids, ridExtensionId, rtx, 0);
    }

    /** A track without RTX. */
    public SourceTrack(MediaStats.Kind kind, String mid, int payloadType, String codec, int clockRate, boolean nack,
            boolean firOnly, List<String> rids, int ridExtensionId) {
        this(kind, mid, payloadType, codec, clockRate, nack, firOnly, rids, ridExtensionId, RtxFormat.NONE, 0);
    }

    /** A track without simulcast. */
    public SourceTrack(MediaStats.Kind kind, String mid, int payloadType, String codec, int clockRate, boolean nack,
            boolean firOnly) {
        this(kind, mid, payloadType, codec, clockRate, nack, firOnly, List.of(), 0);
    }

    public boolean isSimulcast() {
        return !rids.isEmpty();
    }

    public boolean isVideo() {
        return kind == MediaStats.Kind.VIDEO;
    }
}
