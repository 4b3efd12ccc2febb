package dev.beam.testpeer;

import java.util.List;

/**
 * What a {@link TestPeer} offers: SEND is a sendonly broadcaster (opus + VP8 with the given SSRCs,
 * or VP8 in simulcast layers named by {@code rids}, RFC 8853, as Chromium offers them: no a=ssrc
 * for video, the layer named in each packet's rtp-stream-id extension), RECEIVE a recvonly viewer,
 * optionally with other payload types than the browser defaults so a test can check that the
 * server rewrites them. {@code rtx}: a viewer offers RTX (RFC 4588) unless told not to; a
 * broadcaster only when told to, as Chromium does: with a=ssrc-group:FID for one video stream, with
 * the repaired-rtp-stream-id extension (RFC 8852 §3.2) for simulcast, and with transport-wide
 * sequence numbers, which its {@link RtxResender} stamps. {@code av1}: the video is AV1 instead of VP8,
 * with the dependency descriptor and a=extmap-allow-mixed, as Chromium offers them when a page asks.
 */
public record OfferSpec(Role role, int audioPt, int videoPt, long audioSsrc, long videoSsrc, boolean rtx,
        List<String> rids, boolean av1) {

    public enum Role { SEND, RECEIVE }

    /** Chromium's defaults (field notes): opus 111, VP8 96. */
    public static final int OPUS_PT = 111;
    public static final int VP8_PT = 96;

    /** The id the offer gives the rtp-stream-id extension (RFC 8852 §3.1), as Chromium does. */
    public static final int RID_EXTENSION_ID = 10;
    /**
     * The id a broadcaster with RTX offers transport-wide sequence numbers under
     * (draft-holmer-rmcat-transport-wide-cc-extensions-01), as Chromium does.
     */
    public static final int TRANSPORT_CC_EXTENSION_ID = 3;
    /** The dependency descriptor's URI (AV1 RTP payload format, A.9). */
    public static final String DEPENDENCY_DESCRIPTOR =
            "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension";
    /** The id the offer gives the repaired-rtp-stream-id extension (RFC 8852 §3.2) with RTX, as Chromium does. */
    public static final int REPAIRED_RID_EXTENSION_ID = 11;

    public OfferSpec {
        rids = List.copyOf(rids);
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
        return new OfferSpec(Role.SEND, OPUS_PT, VP8_PT, audioSsrc, videoSsrc, false, List.of(), false);
    }

    /** A broadcaster whose video goes in simulcast layers with these rids (RFC 8851), best last as Chromium lists them. */
    public static OfferSpec sendSimulcast(long audioSsrc, String... rids) {
        return new OfferSpec(Role.SEND, OPUS_PT, VP8_PT, audioSsrc, audioSsrc + 1, false, List.of(rids), false);
    }

    public static OfferSpec receive() {
        return receive(OPUS_PT, VP8_PT);
    }

    public static OfferSpec receive(int audioPt, int videoPt) {
        return new OfferSpec(Role.RECEIVE, audioPt, videoPt, 0, 0, true, List.of(), false);
    }

    /** A receiver that offers no RTX, so retransmissions come on the original SSRC. */
    public OfferSpec withoutRtx() {
        return new OfferSpec(role, audioPt, videoPt, audioSsrc, videoSsrc, false, rids, av1);
    }

    /** A broadcaster that sends retransmissions on RTX streams (RFC 4588). */
    public OfferSpec withRtx() {
        return new OfferSpec(role, audioPt, videoPt, audioSsrc, videoSsrc, true, rids, av1);
    }

    /** The same with AV1 video and the dependency descriptor. */
    public OfferSpec withAv1() {
        return new OfferSpec(role, audioPt, videoPt, audioSsrc, videoSsrc, rtx, rids, true);
    }

    /** The id the offer gives the AV1 dependency descriptor: a viewer's differs, so a test sees it remapped. */
    public int dependencyDescriptorId() {
        return role == Role.SEND ? 12 : 13;
    }

    /** The RTX payload type offered for the video (RFC 4588 §8.1): the one after the video's. */
    public int rtxPayloadType() {
        int candidate = videoPt == 127 ? 126 : videoPt + 1;
        return candidate == audioPt ? candidate - 2 : candidate;
    }

    /** The RTX SSRC a broadcaster pairs with one of its video SSRCs (its a=ssrc-group:FID without simulcast). */
    public static long rtxSsrc(long videoSsrc) {
        return (videoSsrc + 0x0100_0000L) & 0xFFFF_FFFFL;
    }

    public int payloadType(String kind) {
        return switch (kind) {
            case "audio" -> audioPt;
            case "video" -> videoPt;
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
