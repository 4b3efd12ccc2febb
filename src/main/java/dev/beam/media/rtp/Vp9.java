package dev.beam.media.rtp;

/**
 * VP9 RTP payload (RFC 9628). The payload descriptor, section 4.2:
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |I|P|L|F|B|E|V|Z| (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PICTURE ID  | (a second byte when M = 1)
 *      +-+-+-+-+-+-+-+-+
 * L:   | TID |U| SID |D| (then TL0PICIDX, in non-flexible mode)
 *      +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Flexible mode (F = 1) has reference indices after the layer indices instead of TL0PICIDX; a
 * scalability structure (V) may follow either. Never throws on short or malformed input.
 */
public final class Vp9 {
    /** Fields for {@link #fieldOffset}. */
    static final int REQUIRED = 0;
    static final int PICTURE_ID = 1;
    static final int LAYER_INDICES = 2;
    static final int TL0PICIDX = 3;

    private Vp9() {
    }

    /**
     * Offset from {@code off} of a field of the descriptor, or -1 when it is absent or does not fit
     * in {@code len}. Only the octets up to the field are checked: what follows does not move it.
     */
    static int fieldOffset(byte[] buf, int off, int len, int field) {
        if (len < 1) {
            return -1;
        }
        int first = buf[off];
        if (field == REQUIRED) {
            return 0;
        }
        int n = 1;
        if ((first & 0x80) != 0) { // I: a picture id of 7 or 15 bits
            if (len < 2) {
                return -1;
            }
            n += (buf[off + 1] & 0x80) != 0 ? 2 : 1;
            if (field == PICTURE_ID) {
                return n <= len ? 1 : -1;
            }
        }
        if (field == PICTURE_ID || (first & 0x20) == 0) { // L: layer indices
            return -1;
        }
        if (field == TL0PICIDX) {
            if ((first & 0x10) != 0) { // F: flexible mode carries no TL0PICIDX
                return -1;
            }
            n++;
        }
        return n < len ? n : -1;
    }

    /**
     * True when the packet begins a frame (B) that uses no inter-picture prediction (P = 0) in
     * the lowest spatial layer (SID 0, or no layer indices): where a decoder can start.
     */
    public static boolean isKeyframe(byte[] buf, int payloadOff, int payloadLen) {
        if (buf == null || payloadOff < 0 || payloadLen < 1 || payloadLen > buf.length - payloadOff) {
            return false;
        }
        int first = buf[payloadOff] & 0xFF;
        boolean interPredicted = (first & 0x40) != 0;
        boolean beginsFrame = (first & 0x08) != 0;
        if (interPredicted || !beginsFrame) {
            return false;
        }
        if ((first & 0x20) == 0) { // L: no layer indices, a single spatial layer
            return true;
        }
        int layers = fieldOffset(buf, payloadOff, payloadLen, LAYER_INDICES);
        return layers >= 0 && (buf[payloadOff + layers] >> 1 & 0x07) == 0; // SID 0
    }
}
