package dev.beam.sdp;

import java.util.List;
import java.util.Map;

/**
 * An accepted m= line: the chosen codec under the offerer's payload type with the rtcp-fb the server honours,
 * the honoured header extensions under the offerer's ids, the offerer's primary SSRCs for it, and the offerer's
 * RTX payload type for the codec (RFC 4588 §8.1 apt) when retransmissions go on a separate stream, else 0:
 * video on both sides gets RTX when offered. {@code rids} are the simulcast layers accepted on a broadcaster's video
 * (RFC 8853), in the offer's a=simulcast order, each the rid its packets carry in the
 * {@link HeaderExtension#RTP_STREAM_ID} extension; empty without simulcast. {@code rtxSsrcs} maps each RTX SSRC
 * the offerer announced (a=ssrc-group:FID, RFC 5576 §4.2) to its primary SSRC, when RTX was negotiated.
 */
public record NegotiatedMedia(MediaKind kind, String mid, Codec codec, List<HeaderExtension> extensions,
        List<Long> remoteSsrcs, int rtxPayloadType, List<String> rids, Map<Long, Long> rtxSsrcs) {

    public NegotiatedMedia {
        extensions = List.copyOf(extensions);
        remoteSsrcs = List.copyOf(remoteSsrcs);
        rids = List.copyOf(rids);
        rtxSsrcs = Map.copyOf(rtxSsrcs);
        if (rtxPayloadType < 0 || rtxPayloadType > 127
                || rtxPayloadType != 0 && rtxPayloadType == codec.payloadType()) {
            throw new IllegalArgumentException("rtxPayloadType must be 0 or a payload type other than the codec's: "
                    + rtxPayloadType);
        }
    }

    /** Media without announced RTX SSRCs. */
    public NegotiatedMedia(MediaKind kind, String mid, Codec codec, List<HeaderExtension> extensions,
            List<Long> remoteSsrcs, int rtxPayloadType, List<String> rids) {
        this(kind, mid, codec, extensions, remoteSsrcs, rtxPayloadType, rids, Map.of());
    }

    /** Media without simulcast. */
    public NegotiatedMedia(MediaKind kind, String mid, Codec codec, List<HeaderExtension> extensions,
            List<Long> remoteSsrcs, int rtxPayloadType) {
        this(kind, mid, codec, extensions, remoteSsrcs, rtxPayloadType, List.of());
    }

    /** Media without RTX or simulcast. */
    public NegotiatedMedia(MediaKind kind, String mid, Codec codec, List<HeaderExtension> extensions,
            List<Long> remoteSsrcs) {
        this(kind, mid, codec, extensions, remoteSsrcs, 0);
    }

    public boolean hasRtx() {
        return rtxPayloadType != 0;
    }

    /** Whether the sender sends simulcast layers, told apart by rid rather than announced SSRCs. */
    public boolean isSimulcast() {
        return !rids.isEmpty();
    }

    /** The negotiated id of a header extension (e.g. {@link HeaderExtension#TRANSPORT_CC}), or 0 if not negotiated. */
    public int extensionId(String uri) {
        return extensions.stream().filter(e -> e.uri().equals(uri)).mapToInt(HeaderExtension::id).findFirst()
                .orElse(0);
    }

    /** Whether the offerer listed this rtcp-fb value (e.g. "nack", "transport-cc") for the codec and it is honoured. */
    public boolean hasFeedback(String feedback) {
        return codec.rtcpFeedback().contains(feedback);
    }
}
