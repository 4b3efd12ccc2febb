package dev.beam.media.send;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.ExtensionElements;
import java.nio.charset.StandardCharsets;

/**
 * How one viewer receives one of the broadcaster's tracks: the broadcaster's track it is fed
 * from ({@code sourceMid}), the payload type the viewer negotiated, the SSRC the server sends it
 * with for the life of its session, the header extensions it accepted (only the MID, RFC 8843
 * §15, whose value is the viewer's own, and the transport-wide sequence number that its bandwidth
 * estimate needs, 0 where not negotiated), and where it negotiated RTX (RFC 4588) the payload type
 * and SSRC of retransmissions ({@code rtxPayloadType} 0: none). Where it negotiated the AV1 dependency
 * descriptor ({@code dependencyDescriptorExtensionId}, 0: not), the broadcaster's is forwarded under its id,
 * with the frame numbers of the viewer's stream.
 */
public record ViewerTrack(MediaStats.Kind kind, String sourceMid, int payloadType, int clockRate, long ssrc,
        int midExtensionId, String mid, int rtxPayloadType, long rtxSsrc, int transportCcExtensionId,
        int dependencyDescriptorExtensionId) {
    private static final byte[] TRANSPORT_SEQUENCE_PLACEHOLDER = new byte[2];

    /** A track without transport-wide sequence numbers. */
    public ViewerTrack(MediaStats.Kind kind, String sourceMid, int payloadType, int clockRate, long ssrc,
            int midExtensionId, String mid, int rtxPayloadType, long rtxSsrc) {
        this(kind, sourceMid, payloadType, clockRate, ssrc, midExtensionId, mid, rtxPayloadType, rtxSsrc, 0);
    }

    /** A track without the dependency descriptor. */
    public ViewerTrack(MediaStats.Kind kind, String sourceMid, int payloadType, int clockRate, long ssrc,
            int midExtensionId, String mid, int rtxPayloadType, long rtxSsrc, int transportCcExtensionId) {
        this(kind, sourceMid, payloadType, clockRate, ssrc, midExtensionId, mid, rtxPayloadType, rtxSsrc,
                transportCcExtensionId, 0);
    }

    public ViewerTrack {
        if (payloadType < 0 || payloadType > 127 || rtxPayloadType < 0 || rtxPayloadType > 127) {
            throw new IllegalArgumentException("payload types " + payloadType + ", " + rtxPayloadType);
        }
    }

    public boolean hasRtx() {
        return rtxPayloadType != 0;
    }

    /** The extension block written on every packet of this track; read-only once built. */
    ExtensionElements extensions() {
        ExtensionElements elements = new ExtensionElements();
        if (midExtensionId > 0 && mid != null) {
            byte[] value = mid.getBytes(StandardCharsets.US_ASCII);
            elements.add(midExtensionId, value, 0, value.length);
        }
        if (transportCcExtensionId > 0) {
            elements.add(transportCcExtensionId, TRANSPORT_SEQUENCE_PLACEHOLDER, 0, 2); // filled as each packet goes
        }
        return elements;
    }
}
