package dev.beam.sdp;

import java.util.List;
import java.util.Map;

/**
 * One offered m= section (RFC 8866 §5.14). {@code kind} is null for m= lines the server does not forward
 * (e.g. "application"); {@code rawKind} always holds the media field. {@code ssrcs} are the primary SSRCs:
 * every a=ssrc (RFC 5576 §4.1) except the second of each FID/FEC-FR group (§4.2), i.e. not the repair streams.
 * Three components beyond the brief's shape: {@code rtcpReducedSize} (a=rtcp-rsize offered, RFC 5506 §5);
 * {@code formats}, the m= line's format list as written, so a rejected m= line can echo it (RFC 3264 §6); and
 * {@code simulcastLayers}, the simulcast streams the offerer sends (RFC 8853 a=simulcast "send" list, each
 * stream's first alternative with its paused flag, in the attribute's order), empty without simulcast; and
 * {@code repairSsrcs}, each a=ssrc-group:FID's retransmission SSRC mapped to its primary SSRC (RFC 5576 §4.2,
 * RFC 4588 §8.1), empty when the offer announces none; {@code extmapAllowMixed}, a=extmap-allow-mixed on the m-line
 * itself (RFC 8285 §6; the session level's is the {@link Offer}'s).
 */
public record MediaDescription(MediaKind kind, String mid, Direction direction, boolean rtcpMux, String protocol,
        List<Codec> codecs, List<HeaderExtension> extensions, List<Long> ssrcs, String rawKind,
        boolean rtcpReducedSize, List<String> formats, List<SimulcastLayer> simulcastLayers,
        Map<Long, Long> repairSsrcs, boolean extmapAllowMixed) {

    public MediaDescription {
        codecs = List.copyOf(codecs);
        extensions = List.copyOf(extensions);
        ssrcs = List.copyOf(ssrcs);
        formats = List.copyOf(formats);
        simulcastLayers = List.copyOf(simulcastLayers);
        repairSsrcs = Map.copyOf(repairSsrcs);
    }

    /** The brief's shape: no rtcp-rsize, formats derived from the codecs' payload types, no simulcast or FID. */
    public MediaDescription(MediaKind kind, String mid, Direction direction, boolean rtcpMux, String protocol,
            List<Codec> codecs, List<HeaderExtension> extensions, List<Long> ssrcs, String rawKind) {
        this(kind, mid, direction, rtcpMux, protocol, codecs, extensions, ssrcs, rawKind, false,
                codecs.stream().map(c -> Integer.toString(c.payloadType())).toList(), List.of(), Map.of(), false);
    }

    /** A label for error messages, e.g. "video m-line (mid 1)". */
    String label() {
        return rawKind + " m-line" + (mid == null ? "" : " (mid " + mid + ")");
    }
}
