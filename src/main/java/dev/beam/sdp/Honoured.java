package dev.beam.sdp;

import java.util.List;
import java.util.Set;

/** What the server implements, kept in one place so that adding a feature is a one-line change. */
final class Honoured {
    /** RTP header extensions the server reads or writes (RFC 8285); sdes:mid routes bundled RTP (RFC 8843 §15.2). */
    static final Set<String> HEADER_EXTENSIONS = Set.of("urn:ietf:params:rtp-hdrext:sdes:mid");

    /** RTCP feedback the server acts on for video (RFC 4585 §4.2: "nack pli"; RFC 5104 §7.1: "ccm fir"). */
    static final List<String> VIDEO_RTCP_FEEDBACK = List.of("nack pli", "ccm fir");

    /** Codec names the server accepts, per kind, for user-facing messages. */
    static final String AUDIO_CODECS = "opus/48000/2";
    static final String VIDEO_CODECS = "VP8/90000, or H264/90000 with packetization-mode=1";

    private Honoured() {
    }

    static List<HeaderExtension> extensions(MediaDescription m) {
        return m.extensions().stream().filter(e -> HEADER_EXTENSIONS.contains(e.uri())).toList();
    }

    /** The codec with only the feedback the server honours for its kind. */
    static Codec withHonouredFeedback(MediaKind kind, Codec codec) {
        List<String> honoured = kind == MediaKind.VIDEO ? VIDEO_RTCP_FEEDBACK : List.of();
        return codec.with(codec.rtcpFeedback().stream().filter(honoured::contains).toList());
    }
}
