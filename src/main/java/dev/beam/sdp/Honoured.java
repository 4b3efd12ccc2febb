package dev.beam.sdp;

import java.util.List;
import java.util.Set;

/**
 * What the server implements, per side, kept in one place so that adding a feature is a one-line change. From
 * the broadcaster the server receives and runs congestion feedback (transport-cc, REMB) and loss repair; toward
 * viewers it stamps transport-wide sequence numbers and reads their transport-cc feedback for a bandwidth
 * estimate per viewer (which picks its simulcast layer), and asks them for loss repair (NACK, and PLI/FIR,
 * which it relays to the broadcaster).
 */
final class Honoured {
    /** Which side of the server an m-line is on. */
    enum Role {
        BROADCASTER, VIEWER
    }

    /** RTP header extensions the server reads (RFC 8285): mid routes bundled RTP, transport-wide seqs feed BWE. */
    static final Set<String> BROADCASTER_EXTENSIONS = Set.of(HeaderExtension.MID, HeaderExtension.TRANSPORT_CC);
    static final Set<String> VIEWER_EXTENSIONS = Set.of(HeaderExtension.MID, HeaderExtension.TRANSPORT_CC);
    /**
     * Read besides on a broadcaster m-line with accepted simulcast layers: the rid tells the layers apart. Only
     * there, so that an answer without simulcast stays as it was.
     */
    static final Set<String> SIMULCAST_EXTENSIONS = Set.of(HeaderExtension.RTP_STREAM_ID);
    /**
     * Read besides with simulcast and RTX: the rid a retransmission repairs (RFC 8852 §3.2), which ties an RTX SSRC
     * to its layer, since browsers announce no SSRCs for simulcast.
     */
    static final Set<String> SIMULCAST_RTX_EXTENSIONS = Set.of(HeaderExtension.REPAIRED_RTP_STREAM_ID);

    /**
     * Simulcast layers accepted from a broadcaster's video (RFC 8853), the first ones of its a=simulcast send
     * list: low, medium and high, the three a browser sends for one camera.
     */
    static final int MAX_SIMULCAST_LAYERS = 3;

    /**
     * RTCP feedback for broadcaster video: generic NACK and PLI (RFC 4585 §4.2), FIR (RFC 5104 §7.1), REMB
     * (draft-alvestrand-rmcat-remb) and transport-cc (draft-holmer-rmcat-transport-wide-cc-extensions-01).
     */
    static final List<String> BROADCASTER_VIDEO_FEEDBACK =
            List.of("nack", "nack pli", "ccm fir", "goog-remb", "transport-cc");
    static final List<String> BROADCASTER_AUDIO_FEEDBACK = List.of("transport-cc");
    static final List<String> VIEWER_VIDEO_FEEDBACK = List.of("nack", "nack pli", "ccm fir", "transport-cc");
    static final List<String> VIEWER_AUDIO_FEEDBACK = List.of("transport-cc");

    /** Codec names the server accepts, per kind, for user-facing messages. */
    static final String AUDIO_CODECS = "opus/48000/2";
    static final String VIDEO_CODECS = "VP8/90000, VP9/90000 with profile-id=0, AV1/90000 with profile=0,"
            + " or H264/90000 with packetization-mode=1";

    private Honoured() {
    }

    /**
     * The offered extensions the server honours on that side for the chosen codec, under the offerer's ids. The
     * AV1 dependency descriptor only where {@code dependencyDescriptor} allows it (see
     * {@link #takesDependencyDescriptor}).
     */
    static List<HeaderExtension> extensions(Role role, MediaDescription m, Codec codec, boolean dependencyDescriptor) {
        Set<String> honoured = role == Role.BROADCASTER ? BROADCASTER_EXTENSIONS : VIEWER_EXTENSIONS;
        boolean simulcast = !simulcastRids(role, m).isEmpty();
        boolean repairs = simulcast && rtxPayloadType(role, m, codec) != 0;
        return m.extensions().stream()
                .filter(e -> honoured.contains(e.uri()) || simulcast && SIMULCAST_EXTENSIONS.contains(e.uri())
                        || repairs && SIMULCAST_RTX_EXTENSIONS.contains(e.uri())
                        || dependencyDescriptor && e.uri().equals(HeaderExtension.DEPENDENCY_DESCRIPTOR))
                .toList();
    }

    /**
     * Whether the AV1 dependency descriptor may be honoured on the m-line: AV1 chosen, and mixed one- and
     * two-byte extension forms allowed (RFC 8285 §6), which a keyframe's descriptor needs. A viewer's needs the
     * broadcast's track to carry it too, which the caller knows.
     */
    static boolean takesDependencyDescriptor(Offer offer, MediaDescription m, Codec codec) {
        return codec.isNamed("AV1") && offer.allowsMixedExtensions(m);
    }

    /**
     * The rids of the simulcast layers accepted on the m-line, in a=simulcast order, paused ones included (they
     * may resume): up to {@link #MAX_SIMULCAST_LAYERS} on broadcaster video, none elsewhere, since a viewer
     * receives one stream and audio is not simulcast. None either without the rtp-stream-id extension: layers
     * sent without SSRCs in the offer (as browsers send them) could not be told apart, so the answer asks for
     * one stream instead.
     */
    static List<String> simulcastRids(Role role, MediaDescription m) {
        if (role != Role.BROADCASTER || m.kind() != MediaKind.VIDEO
                || m.extensions().stream().noneMatch(e -> e.uri().equals(HeaderExtension.RTP_STREAM_ID))) {
            return List.of();
        }
        return m.simulcastLayers().stream().limit(MAX_SIMULCAST_LAYERS).map(SimulcastLayer::rid).toList();
    }

    /** The codec with only the feedback the server honours for its side and kind, in the offer's order. */
    static Codec withHonouredFeedback(Role role, MediaKind kind, Codec codec) {
        List<String> honoured = switch (role) {
            case BROADCASTER -> kind == MediaKind.VIDEO ? BROADCASTER_VIDEO_FEEDBACK : BROADCASTER_AUDIO_FEEDBACK;
            case VIEWER -> kind == MediaKind.VIDEO ? VIEWER_VIDEO_FEEDBACK : VIEWER_AUDIO_FEEDBACK;
        };
        return codec.with(codec.rtcpFeedback().stream().filter(honoured::contains).toList());
    }

    /**
     * The offered RTX payload type for the codec (RFC 4588 §8.1), or 0; video only, on both sides (never red or
     * ulpfec). A broadcaster with RTX resends NACKed packets and sends its bandwidth probes on the RTX stream, which
     * the server unwraps back into the original stream (RFC 4588 §4); without it, on the original SSRC.
     */
    static int rtxPayloadType(Role role, MediaDescription m, Codec codec) {
        if (m.kind() != MediaKind.VIDEO) {
            return 0;
        }
        return CodecChooser.rtxFor(codec, m.codecs()).map(Codec::payloadType).orElse(0);
    }
}
