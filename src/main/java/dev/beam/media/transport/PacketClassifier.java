package dev.beam.media.transport;

/**
 * Demultiplexes everything that arrives on the one media UDP port (ICE, DTLS, SRTP and SRTCP share
 * it: RFC 8834 / BUNDLE with rtcp-mux).
 */
public final class PacketClassifier {
    /** STUN message header (RFC 8489 §5). */
    static final int MIN_STUN = 20;
    /** ZRTP packet header (RFC 6189 §5). */
    static final int MIN_ZRTP = 12;
    /** DTLS record header (RFC 6347 §4.1). */
    static final int MIN_DTLS = 13;
    /** TURN ChannelData header (RFC 8656 §12.4). */
    static final int MIN_TURN_CHANNEL = 4;
    /** RTP fixed header (RFC 3550 §5.1). */
    static final int MIN_RTP = 12;
    /** RTCP header plus sender SSRC (RFC 3550 §6.4). */
    static final int MIN_RTCP = 8;

    private PacketClassifier() {
    }

    /**
     * Classifies by the first byte, RFC 7983 §7:
     *
     * <pre>
     *                  +----------------+
     *                  |        [0..3] -+--> forward to STUN
     *                  |                |
     *                  |      [16..19] -+--> forward to ZRTP
     *                  |                |
     *      packet -->  |      [20..63] -+--> forward to DTLS
     *                  |                |
     *                  |      [64..79] -+--> forward to TURN Channel
     *                  |                |
     *                  |    [128..191] -+--> forward to RTP/RTCP
     *                  +----------------+
     * </pre>
     *
     * Within 128..191 the second byte separates RTCP from RTP (RFC 5761 §4): RTCP packet types
     * 192..223 would be RTP payload types 64..95 with the marker bit set, which RFC 5761 forbids for
     * multiplexed RTP, so {@code (byte1 & 0xFF)} in 192..223 means RTCP.
     *
     * <p>A packet shorter than the fixed header of the kind its first byte names is UNKNOWN, so callers
     * may read that header without further length checks. Never throws for any off/len.
     */
    public static PacketKind classify(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 1 || len > buf.length - off) {
            return PacketKind.UNKNOWN;
        }
        int b0 = buf[off] & 0xFF;
        if (b0 <= 3) {
            return len >= MIN_STUN ? PacketKind.STUN : PacketKind.UNKNOWN;
        }
        if (b0 >= 16 && b0 <= 19) {
            return len >= MIN_ZRTP ? PacketKind.ZRTP : PacketKind.UNKNOWN;
        }
        if (b0 >= 20 && b0 <= 63) {
            return len >= MIN_DTLS ? PacketKind.DTLS : PacketKind.UNKNOWN;
        }
        if (b0 >= 64 && b0 <= 79) {
            return len >= MIN_TURN_CHANNEL ? PacketKind.TURN_CHANNEL : PacketKind.UNKNOWN;
        }
        if (b0 >= 128 && b0 <= 191) {
            if (len < 2) {
                return PacketKind.UNKNOWN;
            }
            int b1 = buf[off + 1] & 0xFF;
            if (b1 >= 192 && b1 <= 223) {
                return len >= MIN_RTCP ? PacketKind.RTCP : PacketKind.UNKNOWN;
            }
            return len >= MIN_RTP ? PacketKind.RTP : PacketKind.UNKNOWN;
        }
        // 4..15, 80..127 and 192..255 are unassigned by RFC 7983 §7: drop.
        return PacketKind.UNKNOWN;
    }

    /** For a packet already classified as RTP or RTCP: RFC 5761 §4, the second byte tells. */
    public static boolean isRtcp(byte[] buf, int off, int len) {
        int b1 = len > 1 ? buf[off + 1] & 0xFF : 0;
        return b1 >= 192 && b1 <= 223;
    }
}
