package dev.beam.sdp;

/** An RTP header extension mapping, a=extmap:<id> <uri> (RFC 8285 §5). */
public record HeaderExtension(int id, String uri) {
    /** The mid of a bundled m-line, which routes its RTP (RFC 8843 §15.2). Negotiated with everyone. */
    public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";

    /**
     * Transport-wide sequence numbers (draft-holmer-rmcat-transport-wide-cc-extensions-01), which the server's
     * transport-cc feedback refers to, from the broadcaster; toward viewers, those the server stamps, which their
     * feedback refers to.
     */
    public static final String TRANSPORT_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    /**
     * The RtpStreamId (RFC 8852 §3.1): the rid of the simulcast layer a packet belongs to (RFC 8853 §5.1), since
     * browsers announce no SSRCs for simulcast. Negotiated with a broadcaster whose video is simulcast.
     */
    public static final String RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";

    /**
     * The RepairedRtpStreamId (RFC 8852 §3.2): the rid a retransmission repairs, which names the layer of an RTX
     * SSRC. Negotiated with a broadcaster whose video is simulcast and has RTX.
     */
    public static final String REPAIRED_RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    /**
     * The AV1 dependency descriptor (AV1 RTP payload format, appendix A): each frame's temporal layer, frame
     * number and references, which let the server drop temporal layers of AV1 and viewers follow them.
     * Negotiated for AV1 only, and only where the offer allows mixing the one- and two-byte forms
     * (a=extmap-allow-mixed, RFC 8285 §6), since the descriptor of a keyframe, with its structure, is longer
     * than the one-byte form's 16 bytes.
     */
    public static final String DEPENDENCY_DESCRIPTOR =
            "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension";
}
