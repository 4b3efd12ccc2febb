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
 * Never throws on short or malformed input.
 */
public final class Vp9 {
    private Vp9() {
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
        int layers = 1;
        if ((first & 0x80) != 0) { // I: a picture id of 7 or 15 bits
            if (payloadLen < 2) {
                return false;
            }
            layers += (buf[payloadOff + 1] & 0x80) != 0 ? 2 : 1;
        }
        if (payloadLen <= layers) {
            return false;
        }
        int spatialLayer = (buf[payloadOff + layers] >> 1) & 0x07;
        return spatialLayer == 0;
    }
}
