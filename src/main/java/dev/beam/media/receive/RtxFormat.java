package dev.beam.media.receive;

import java.util.Map;

/**
 * How a track's retransmissions arrive when it negotiated RTX (RFC 4588, SSRC-multiplexed): under their own
 * payload type, whose apt is the track's, on streams of their own.
 *
 * @param payloadType            the RTX payload type, 0 without RTX
 * @param repairedRidExtensionId the id of the repaired-rtp-stream-id extension (RFC 8852 §3.2), which names the
 *                               layer an RTX packet repairs; 0 when not negotiated
 * @param announcedSsrcs         each RTX SSRC the offer announced (a=ssrc-group:FID, RFC 5576 §4.2) to its primary
 */
public record RtxFormat(int payloadType, int repairedRidExtensionId, Map<Long, Long> announcedSsrcs) {
    /** No RTX. */
    public static final RtxFormat NONE = new RtxFormat(0, 0, Map.of());

    public RtxFormat {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTX payload type " + payloadType);
        }
        if (repairedRidExtensionId < 0 || repairedRidExtensionId > 255) {
            throw new IllegalArgumentException("repaired-rid extension id " + repairedRidExtensionId);
        }
        announcedSsrcs = Map.copyOf(announcedSsrcs);
    }

    public boolean negotiated() {
        return payloadType != 0;
    }
}
