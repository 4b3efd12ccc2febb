package dev.beam.loadgen;

/**
 * The front of a VP8 RTP payload, as a real encoder's packetizer writes it, so that a server's
 * keyframe detection and picture handling see real VP8 (the rest of the payload is filler).
 *
 * <p>Payload descriptor, RFC 7741 §4.2, with a 15-bit PictureID as browsers send it:
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID | (REQUIRED)   X=1, S=1 on a frame's first packet, PID=0
 *      +-+-+-+-+-+-+-+-+
 * X:   |I|L|T|K| RSV   | (OPTIONAL)   I=1
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PictureID   | (OPTIONAL)   M=1: 15 bits
 *      +-+-+-+-+-+-+-+-+
 *      |   PictureID   |
 *      +-+-+-+-+-+-+-+-+
 * </pre>
 * On a frame's first packet the VP8 payload header follows (RFC 7741 §4.3, RFC 6386 §9.1): a
 * 3-byte little-endian frame tag (bit 0 P, 0 for a keyframe; version; show_frame;
 * first_part_size), and on a keyframe the start code 9d 01 2a and 14-bit width and height.
 */
public final class Vp8Payload {
    /** Descriptor bytes with X, I and a 15-bit PictureID. */
    public static final int DESCRIPTOR = 4;
    public static final int FRAME_TAG = 3;
    /** Start code and dimensions after a keyframe's frame tag, RFC 6386 §9.1. */
    public static final int KEYFRAME_EXTRA = 7;

    private Vp8Payload() {
    }

    /**
     * Writes the descriptor, and on a frame's first packet the payload header.
     *
     * @return bytes written: where the rest of the payload starts
     */
    public static int write(byte[] dst, int off, boolean startOfFrame, boolean keyframe, int pictureId,
                            int firstPartitionSize, int width, int height) {
        dst[off] = (byte) (0x80 | (startOfFrame ? 0x10 : 0)); // X, S; PID 0
        dst[off + 1] = (byte) 0x80; // I
        dst[off + 2] = (byte) (0x80 | ((pictureId >> 8) & 0x7F)); // M, PictureID high bits
        dst[off + 3] = (byte) pictureId;
        int at = off + DESCRIPTOR;
        if (!startOfFrame) {
            return DESCRIPTOR;
        }
        // Frame tag: P (0 = key frame), version 0, show_frame 1, first_part_size (19 bits).
        int tag = (keyframe ? 0 : 1) | (1 << 4) | ((firstPartitionSize & 0x7FFFF) << 5);
        dst[at] = (byte) tag;
        dst[at + 1] = (byte) (tag >> 8);
        dst[at + 2] = (byte) (tag >> 16);
        at += FRAME_TAG;
        if (keyframe) {
            dst[at] = (byte) 0x9d;
            dst[at + 1] = 0x01;
            dst[at + 2] = 0x2a;
            dst[at + 3] = (byte) width; // 14 bits of width, 2 bits of horizontal scale (0)
            dst[at + 4] = (byte) ((width >> 8) & 0x3F);
            dst[at + 5] = (byte) height;
            dst[at + 6] = (byte) ((height >> 8) & 0x3F);
            at += KEYFRAME_EXTRA;
        }
        return at - off;
    }

    /** Length of the descriptor at {@code off} (RFC 7741 §4.2), or -1 when it runs past {@code len}. */
    public static int descriptorLength(byte[] b, int off, int len) {
        if (len < 1) {
            return -1;
        }
        int n = 1;
        if ((b[off] & 0x80) != 0) { // X
            if (len < 2) {
                return -1;
            }
            int x = b[off + 1] & 0xFF;
            n = 2;
            if ((x & 0x80) != 0) { // I: PictureID, one byte or two (M)
                if (len < n + 1) {
                    return -1;
                }
                n += (b[off + n] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) { // L: TL0PICIDX
                n++;
            }
            if ((x & 0x30) != 0) { // T or K: TID/Y/KEYIDX
                n++;
            }
        }
        return n <= len ? n : -1;
    }

    /** Whether the descriptor says this packet starts a frame: S=1 and PID=0. */
    public static boolean startsFrame(byte[] b, int off) {
        return (b[off] & 0x1F) == 0x10;
    }

    /** Whether the payload header at {@code off} is a keyframe's: P=0 and the start code (RFC 6386 §9.1). */
    public static boolean isKeyframeHeader(byte[] b, int off, int len) {
        return len >= FRAME_TAG + KEYFRAME_EXTRA && (b[off] & 0x01) == 0 && (b[off + 3] & 0xFF) == 0x9d
                && (b[off + 4] & 0xFF) == 0x01 && (b[off + 5] & 0xFF) == 0x2a;
    }

    /** Bytes of payload header at {@code off} on a frame's first packet: the frame tag, plus 7 on a keyframe. */
    public static int headerLength(byte[] b, int off, int len) {
        if (len < FRAME_TAG) {
            return -1;
        }
        return (b[off] & 0x01) == 0 ? FRAME_TAG + KEYFRAME_EXTRA : FRAME_TAG;
    }
}
