package dev.beam.media.rtp;

/**
 * AV1 RTP payload (the AOM's "RTP Payload Format for AV1", section 4.4). Every payload starts
 * with the aggregation header:
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |Z|Y| W |N|-|-|-|
 * +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Z: the first OBU continues one from the packet before; N: the first packet of a coded video
 * sequence, which starts with a key frame. Never throws on short or malformed input.
 */
public final class Av1 {
    private Av1() {
    }

    /** True when the packet starts a coded video sequence (N = 1, Z = 0): where a decoder can start. */
    public static boolean isKeyframe(byte[] buf, int payloadOff, int payloadLen) {
        if (buf == null || payloadOff < 0 || payloadLen < 1 || payloadLen > buf.length - payloadOff) {
            return false;
        }
        int header = buf[payloadOff] & 0xFF;
        return (header & 0x08) != 0 && (header & 0x80) == 0;
    }
}
