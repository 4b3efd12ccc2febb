package dev.beam.loadgen;

/**
 * Finds keyframe requests for one media SSRC in a compound RTCP packet (RFC 3550 §6.1): a PLI
 * (RFC 4585 §6.3.1: PSFB, FMT 1, media source SSRC) or a FIR entry naming it (RFC 5104 §4.3.1:
 * PSFB, FMT 4, FCI of 8-byte entries starting with the SSRC).
 *
 * <pre>
 *  0                   1                   2                   3
 * |V=2|P|   FMT   |   PT=206      |          length               |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source                         |
 * :            Feedback Control Information (FCI)                 :
 * </pre>
 */
final class KeyframeRequests {
    private static final int PSFB = 206;
    private static final int FMT_PLI = 1;
    private static final int FMT_FIR = 4;

    private KeyframeRequests() {
    }

    /** Whether the compound packet asks for a keyframe of {@code mediaSsrc}; false when malformed. */
    static boolean asksFor(byte[] b, int off, int len, long mediaSsrc) {
        int at = off;
        int end = off + len;
        while (end - at >= 4) {
            int words = (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
            int size = 4 * (words + 1);
            if ((b[at] & 0xC0) != 0x80 || size > end - at) {
                return false;
            }
            int fmt = b[at] & 0x1F;
            if ((b[at + 1] & 0xFF) == PSFB && size >= 12) {
                if (fmt == FMT_PLI && u32(b, at + 8) == mediaSsrc) {
                    return true;
                }
                if (fmt == FMT_FIR) {
                    for (int entry = at + 12; entry + 8 <= at + size; entry += 8) {
                        if (u32(b, entry) == mediaSsrc) {
                            return true;
                        }
                    }
                }
            }
            at += size;
        }
        return false;
    }

    private static long u32(byte[] b, int i) {
        return (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
