package dev.beam.testpeer;

/**
 * What a {@link TestPeer} offers: SEND is a sendonly broadcaster (opus + VP8 with the given SSRCs),
 * RECEIVE a recvonly viewer, optionally with other payload types than the browser defaults so a
 * test can check that the server rewrites them.
 */
public record OfferSpec(Role role, int audioPt, int videoPt, long audioSsrc, long videoSsrc, boolean rtx) {

    public enum Role { SEND, RECEIVE }

    /** Chromium's defaults (field notes): opus 111, VP8 96. */
    public static final int OPUS_PT = 111;
    public static final int VP8_PT = 96;

    public OfferSpec {
        if (role == null) {
            throw new IllegalArgumentException("role");
        }
        if (audioPt < 96 || audioPt > 127 || videoPt < 96 || videoPt > 127 || audioPt == videoPt) {
            throw new IllegalArgumentException("payload types must be distinct dynamic ones (96..127)");
        }
        if (role == Role.SEND && (audioSsrc == videoSsrc || (audioSsrc >>> 32) != 0 || (videoSsrc >>> 32) != 0)) {
            throw new IllegalArgumentException("SEND needs two distinct 32-bit SSRCs");
        }
    }

    public static OfferSpec send(long audioSsrc, long videoSsrc) {
        return new OfferSpec(Role.SEND, OPUS_PT, VP8_PT, audioSsrc, videoSsrc, false);
    }

    public static OfferSpec receive() {
        return receive(OPUS_PT, VP8_PT);
    }

    public static OfferSpec receive(int audioPt, int videoPt) {
        return new OfferSpec(Role.RECEIVE, audioPt, videoPt, 0, 0, true);
    }

    /** A receiver that offers no RTX, so retransmissions come on the original SSRC. */
    public OfferSpec withoutRtx() {
        return new OfferSpec(role, audioPt, videoPt, audioSsrc, videoSsrc, false);
    }

    public int payloadType(String kind) {
        return switch (kind) {
            case "audio" -> audioPt;
            case "video" -> videoPt;
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
