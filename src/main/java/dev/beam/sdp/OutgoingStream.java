package dev.beam.sdp;

/**
 * What the server sends on one viewer m= line: its SSRC, CNAME (RFC 7022), msid (RFC 8830 §2) and, optionally,
 * the SSRC it retransmits on (RFC 4588 §4; 0 = none). The RTX SSRC is only announced on an m-line whose
 * negotiation found an RTX payload type ({@link NegotiatedMedia#rtxPayloadType()}), so a caller may allocate one
 * for every stream.
 */
public record OutgoingStream(long ssrc, String cname, String streamId, String trackId, long rtxSsrc) {
    public OutgoingStream {
        if (rtxSsrc < 0 || rtxSsrc > 0xFFFFFFFFL || rtxSsrc != 0 && rtxSsrc == ssrc) {
            throw new IllegalArgumentException("rtxSsrc must be a 32-bit SSRC other than the media SSRC, or 0: "
                    + rtxSsrc);
        }
    }

    /** A stream without retransmissions. */
    public OutgoingStream(long ssrc, String cname, String streamId, String trackId) {
        this(ssrc, cname, streamId, trackId, 0);
    }

    public boolean hasRtx() {
        return rtxSsrc != 0;
    }
}
