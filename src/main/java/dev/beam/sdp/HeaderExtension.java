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
}
