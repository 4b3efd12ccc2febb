package dev.beam.loadgen;

/**
 * What the generator puts into each payload so a viewer measures loss and latency without
 * decoding: a marker, the stream's own sequence number (RTP's may be rewritten on the way) and
 * System.nanoTime() at sending, which on Linux is CLOCK_MONOTONIC and so comparable between
 * processes on one machine.
 *
 * <pre>
 * | 'B' | 'L' | 'G' | stream | sequence (32) | send time, ns (64) |
 * </pre>
 * In audio it follows the Opus TOC byte (RFC 6716 §3.1); in video the VP8 descriptor and, on a
 * frame's first packet, the VP8 payload header.
 */
public final class PayloadStamp {
    public static final int LENGTH = 16;
    public static final int AUDIO = 0;
    public static final int VIDEO = 1;
    /** An Opus TOC byte: config 31 (CELT fullband, 20 ms), mono, one frame. */
    static final int OPUS_TOC = 0xF8;

    private PayloadStamp() {
    }

    public static void write(byte[] dst, int off, int stream, long sequence, long sentNanos) {
        dst[off] = 'B';
        dst[off + 1] = 'L';
        dst[off + 2] = 'G';
        dst[off + 3] = (byte) stream;
        for (int i = 0; i < 4; i++) {
            dst[off + 4 + i] = (byte) (sequence >> (24 - 8 * i));
        }
        for (int i = 0; i < 8; i++) {
            dst[off + 8 + i] = (byte) (sentNanos >> (56 - 8 * i));
        }
    }

    /**
     * Where the stamp starts in an RTP payload of this stream, or -1 when the payload is not one
     * the generator made (too short, no marker).
     */
    public static int find(byte[] b, int payloadOff, int payloadLen, int stream) {
        int at;
        if (stream == AUDIO) {
            at = 1;
        } else {
            int descriptor = Vp8Payload.descriptorLength(b, payloadOff, payloadLen);
            if (descriptor < 0) {
                return -1;
            }
            at = descriptor;
            if (Vp8Payload.startsFrame(b, payloadOff)) {
                int header = Vp8Payload.headerLength(b, payloadOff + at, payloadLen - at);
                if (header < 0) {
                    return -1;
                }
                at += header;
            }
        }
        int off = payloadOff + at;
        if (payloadLen - at < LENGTH || b[off] != 'B' || b[off + 1] != 'L' || b[off + 2] != 'G' || b[off + 3] != stream) {
            return -1;
        }
        return off;
    }

    public static long sequence(byte[] b, int stampOff) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | (b[stampOff + 4 + i] & 0xFF);
        }
        return v;
    }

    public static long sentNanos(byte[] b, int stampOff) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[stampOff + 8 + i] & 0xFF);
        }
        return v;
    }
}
