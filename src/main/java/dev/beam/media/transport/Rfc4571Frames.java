package dev.beam.media.transport;

import java.nio.ByteBuffer;

/**
 * RFC 4571 §2 framing, how ICE-TCP (RFC 6544 §3) carries STUN, DTLS and SRTP over a stream: each
 * packet is preceded by its length as a 16-bit unsigned number in network order. The decoder takes
 * what a read left in a buffer and hands out the whole frames in it; a frame longer than the
 * bound is refused, so one connection can hold at most one frame's bytes of the server's memory.
 */
final class Rfc4571Frames {
    /** The length prefix (RFC 4571 §2). */
    static final int HEADER = 2;

    /** Where whole frames go; the bytes are valid only during the call. */
    interface Sink {
        void frame(byte[] buf, int off, int len);
    }

    private final int maxFrame;

    /** @param maxFrame the longest frame taken; at most 65535, the longest RFC 4571 can frame */
    Rfc4571Frames(int maxFrame) {
        if (maxFrame < 1 || maxFrame > 0xFFFF) {
            throw new IllegalArgumentException("frame bound must be 1..65535: " + maxFrame);
        }
        this.maxFrame = maxFrame;
    }

    /** A read buffer big enough for one frame of the bound and its prefix. */
    ByteBuffer newBuffer() {
        return ByteBuffer.allocate(HEADER + maxFrame);
    }

    /**
     * Hands every whole frame in {@code in} (in write mode, as a read left it) to {@code sink},
     * then keeps the partial rest at its start, ready for the next read. False when a frame is
     * longer than the bound: the stream cannot be resynchronised and must be closed. Empty frames
     * carry nothing and are skipped.
     */
    boolean drain(ByteBuffer in, Sink sink) {
        in.flip();
        byte[] array = in.array();
        boolean ok = true;
        while (in.remaining() >= HEADER) {
            int at = in.position();
            int length = (array[at] & 0xFF) << 8 | array[at + 1] & 0xFF;
            if (length > maxFrame) {
                ok = false;
                break;
            }
            if (in.remaining() < HEADER + length) {
                break;
            }
            in.position(at + HEADER + length);
            if (length > 0) {
                sink.frame(array, at + HEADER, length);
            }
        }
        in.compact();
        return ok;
    }

    /** The prefix for a packet of {@code len} bytes; false when RFC 4571 cannot frame it. */
    static boolean header(ByteBuffer out, int len) {
        if (len < 0 || len > 0xFFFF) {
            return false;
        }
        out.clear();
        out.put((byte) (len >>> 8)).put((byte) len).flip();
        return true;
    }
}
