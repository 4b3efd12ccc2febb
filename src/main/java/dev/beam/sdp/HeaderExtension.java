package dev.beam.sdp;

/** An RTP header extension mapping, a=extmap:<id> <uri> (RFC 8285 §5). */
public record HeaderExtension(int id, String uri) {
    /** The mid of a bundled m-line, which routes its RTP (RFC 8843 §15.2). Negotiated with everyone. */
    public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";

    /**
     * Transport-wide sequence numbers (draft-holmer-rmcat-transport-wide-cc-extensions-01), which the server's
     * transport-cc feedback refers to. Negotiated with the broadcaster only.
     */
    public static final String TRANSPORT_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
}
