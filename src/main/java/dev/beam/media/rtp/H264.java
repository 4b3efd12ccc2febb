package dev.beam.media.rtp;

/**
 * H.264 RTP payload (RFC 6184), packetization modes 0 and 1 as WebRTC uses them. The first payload
 * byte is a NAL unit header (§5.3): {@code |F|NRI|Type|}, Type in the low 5 bits.
 */
public final class H264 {
    public static final int NAL_IDR = 5;
    public static final int NAL_SPS = 7;
    public static final int STAP_A = 24;
    public static final int FU_A = 28;

    private H264() {
    }

    /**
     * True when the packet carries the start of a NAL unit of a key frame: an IDR slice or an SPS
     * (encoders send SPS/PPS right before an IDR), either as a single NAL unit (types 1..23, §5.6),
     * inside a STAP-A (§5.7.1) or as the first FU-A fragment (§5.8, S bit set). One key frame can
     * have several such packets (Chromium sends a STAP-A with SPS and PPS, then the IDR slice in
     * FU-A fragments): the first of them is where a decoder can start. Never throws on malformed
     * input.
     */
    public static boolean isKeyframe(byte[] buf, int payloadOff, int payloadLen) {
        if (buf == null || payloadOff < 0 || payloadLen < 1
                || payloadLen > buf.length - payloadOff) {
            return false;
        }
        int type = buf[payloadOff] & 0x1F;
        if (type >= 1 && type <= 23) {
            return isKeyNal(type);
        }
        if (type == STAP_A) {
            // §5.7.1: after the STAP-A header, repeated [16-bit NALU size][NAL unit].
            int p = payloadOff + 1;
            int end = payloadOff + payloadLen;
            while (end - p >= 3) {
                int size = Bytes.u16(buf, p);
                p += 2;
                if (size == 0 || size > end - p) {
                    return false;
                }
                if (isKeyNal(buf[p] & 0x1F)) {
                    return true;
                }
                p += size;
            }
            return false;
        }
        if (type == FU_A) {
            // §5.8: FU indicator, then FU header |S|E|R|Type| carrying the fragmented NAL's type.
            if (payloadLen < 2) {
                return false;
            }
            int fu = buf[payloadOff + 1];
            return (fu & 0x80) != 0 && isKeyNal(fu & 0x1F);
        }
        return false; // STAP-B, MTAP, FU-B: interleaved mode only, not used by WebRTC
    }

    private static boolean isKeyNal(int type) {
        return type == NAL_IDR || type == NAL_SPS;
    }
}
