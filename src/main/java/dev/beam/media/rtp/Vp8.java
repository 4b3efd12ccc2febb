package dev.beam.media.rtp;

/**
 * VP8 RTP payload (RFC 7741). The payload descriptor, §4.2:
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID | (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * X:   |I|L|T|K| RSV   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PictureID   | (OPTIONAL, a second byte when M = 1)
 *      +-+-+-+-+-+-+-+-+
 * L:   |   TL0PICIDX   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * T/K: |TID|Y| KEYIDX  | (OPTIONAL, when T or K is set)
 *      +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * All methods take the RTP payload range and never throw on short or malformed input.
 */
public final class Vp8 {
    /** The required octet, present whenever the descriptor fits (for {@link #fieldOffset}). */
    static final int REQUIRED = 0;
    /** The optional fields, named by their bit in the X octet (§4.2); T and K share one octet. */
    static final int PICTURE_ID = 0x80;
    static final int TL0PICIDX = 0x40;
    static final int TID = 0x20;
    static final int KEYIDX = 0x10;
    private static final int END = -1;

    private Vp8() {
    }

    /** Length of the payload descriptor, or -1 when the payload is too short to hold it. */
    public static int descriptorLength(byte[] buf, int off, int len) {
        return fieldOffset(buf, off, len, END);
    }

    /**
     * Offset from {@code off} of a field of the descriptor (REQUIRED or an X-octet bit), or -1
     * when the field is absent or the whole descriptor does not fit in {@code len}.
     */
    static int fieldOffset(byte[] buf, int off, int len, int field) {
        if (len < 1) {
            return -1;
        }
        int found = field == REQUIRED ? 0 : -1;
        int n = 1;
        if ((buf[off] & 0x80) != 0) { // X
            if (len < 2) {
                return -1;
            }
            int x = buf[off + 1] & 0xFF;
            n = 2;
            if ((x & PICTURE_ID) != 0) { // I: PictureID, 15 bits when M is set
                if (len < n + 1) {
                    return -1;
                }
                found = field == PICTURE_ID ? n : found;
                n += (buf[off + n] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & TL0PICIDX) != 0) { // L
                found = field == TL0PICIDX ? n : found;
                n++;
            }
            if ((x & (TID | KEYIDX)) != 0) { // T or K share one byte
                found = field > 0 && (x & field & (TID | KEYIDX)) != 0 ? n : found;
                n++;
            }
        }
        if (n > len) {
            return -1;
        }
        return field == END ? n : found;
    }

    /** S = 1 and PID = 0: this packet starts partition 0, i.e. a new frame (§4.2). */
    public static boolean isStartOfFrame(byte[] buf, int off, int len) {
        return len >= 1 && (buf[off] & 0x17) == 0x10;
    }

    /** 7- or 15-bit PictureID, or -1 when absent. */
    public static int pictureId(byte[] buf, int off, int len) {
        int at = fieldOffset(buf, off, len, PICTURE_ID);
        return at < 0 ? -1 : PictureNumbering.readPictureId(buf, off + at);
    }

    /**
     * True when the packet starts a key frame: it starts partition 0, so the VP8 payload header
     * (§4.3, the frame tag of RFC 6386 §9.1) follows the descriptor, and its P bit ("inverse key
     * frame flag") is 0. When present, the key frame start code 9d 01 2a (RFC 6386 §9.1) must match
     * too, guarding against a misparsed descriptor.
     */
    public static boolean isKeyframe(byte[] buf, int payloadOff, int payloadLen) {
        if (buf == null || payloadOff < 0 || payloadLen > buf.length - payloadOff
                || !isStartOfFrame(buf, payloadOff, payloadLen)) {
            return false;
        }
        int d = descriptorLength(buf, payloadOff, payloadLen);
        if (d < 0 || payloadLen - d < 3) {
            return false;
        }
        int h = payloadOff + d;
        if ((buf[h] & 0x01) != 0) {
            return false;
        }
        return payloadLen - d < 6
                || (buf[h + 3] & 0xFF) == 0x9D && buf[h + 4] == 0x01 && buf[h + 5] == 0x2A;
    }

    /**
     * The picture size of the key frame this packet starts, width times height, or -1: after the
     * start code, two little-endian 16-bit fields whose low 14 bits are the width and the height
     * (RFC 6386 §9.1; the top two bits scale the output and do not change the coded size).
     */
    public static int keyframePixels(byte[] buf, int payloadOff, int payloadLen) {
        if (!isKeyframe(buf, payloadOff, payloadLen)) {
            return -1;
        }
        int d = descriptorLength(buf, payloadOff, payloadLen);
        if (payloadLen - d < 10) {
            return -1;
        }
        int h = payloadOff + d;
        int width = ((buf[h + 6] & 0xFF) | (buf[h + 7] & 0xFF) << 8) & 0x3FFF;
        int height = ((buf[h + 8] & 0xFF) | (buf[h + 9] & 0xFF) << 8) & 0x3FFF;
        return width * height;
    }
}
