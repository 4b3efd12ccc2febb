package dev.beam.media.rtp;

import java.util.Arrays;

/**
 * Reads transport-wide congestion control feedback, draft-holmer-rmcat-transport-wide-cc-
 * extensions-01 §3.1 (RTPFB FMT=15). Accessors take the offset of the RTCP packet, as {@link Rtcp}'s
 * do; call them after {@link #isTransportCc} accepted it.
 *
 * <pre>
 * |      base sequence number     |      packet status count      |  @12
 * |                 reference time                | fb pkt. count |  @16
 * |  packet chunks (16 bits each) ... | recv deltas (8 or 16 bits each) ... | padding
 * </pre>
 */
public final class TransportCcFeedback {
    /** §3.1.1 packet status symbols. */
    public static final int NOT_RECEIVED = 0;
    public static final int SMALL_DELTA = 1;
    public static final int LARGE_DELTA = 2;
    public static final int RESERVED = 3;

    /** Common feedback header plus the fixed fields up to the first chunk. */
    public static final int HEADER = 20;
    /** Unit of the reference time field. */
    public static final long REFERENCE_TIME_UNIT_US = 64_000;
    /** Unit of a receive delta (§3.1.5). */
    public static final long DELTA_UNIT_US = 250;

    private TransportCcFeedback() {
    }

    public static boolean isTransportCc(byte[] buf, int off, int len) {
        return Rtcp.packetType(buf, off) == Rtcp.RTPFB && Rtcp.fmt(buf, off) == Rtcp.FMT_TRANSPORT_CC
                && contentEnd(buf, off, len) - off >= HEADER;
    }

    public static int baseSequence(byte[] buf, int off) {
        return Bytes.u16(buf, off + 12);
    }

    public static int statusCount(byte[] buf, int off) {
        return Bytes.u16(buf, off + 14);
    }

    /** Signed 24-bit reference time in multiples of 64 ms; the first delta is relative to it. */
    public static int referenceTime(byte[] buf, int off) {
        return Bytes.u24(buf, off + 16) << 8 >> 8;
    }

    public static int feedbackCount(byte[] buf, int off) {
        return buf[off + 19] & 0xFF;
    }

    /**
     * Decodes every status symbol and receive delta: for packet {@code baseSequence + i},
     * {@code symbols[i]} is a §3.1.1 symbol and {@code deltas[i]} its delta in 250 µs units from the
     * previous received packet (from the reference time for the first), 0 when not received.
     *
     * @return the status count, or -1 when the packet is truncated or uses the reserved symbol
     * @throws IllegalArgumentException when the arrays are shorter than the status count
     */
    public static int decode(byte[] buf, int off, int len, int[] symbols, int[] deltas) {
        int count = statusCount(buf, off);
        if (symbols.length < count || deltas.length < count) {
            throw new IllegalArgumentException("arrays need room for " + count + " statuses");
        }
        int end = contentEnd(buf, off, len);
        int p = off + HEADER;
        for (int n = 0; n < count; p += 2) {
            if (p + 2 > end) {
                return -1;
            }
            n += decodeChunk(Bytes.u16(buf, p), symbols, n, count - n);
        }
        for (int i = 0; i < count; i++) {
            switch (symbols[i]) {
                case NOT_RECEIVED:
                    deltas[i] = 0;
                    break;
                case SMALL_DELTA:
                    if (p + 1 > end) {
                        return -1;
                    }
                    deltas[i] = buf[p++] & 0xFF;
                    break;
                case LARGE_DELTA:
                    if (p + 2 > end) {
                        return -1;
                    }
                    deltas[i] = (short) Bytes.u16(buf, p);
                    p += 2;
                    break;
                default:
                    return -1;
            }
        }
        return count;
    }

    /**
     * Expands one packet chunk into {@code symbols[pos..]}, at most {@code max} of them (a vector
     * chunk may describe more slots than the status count has left; the extra ones are dropped).
     *
     * @return the number of symbols written
     */
    public static int decodeChunk(int chunk, int[] symbols, int pos, int max) {
        int n;
        if ((chunk & 0x8000) == 0) { // §3.1.3 run length: T=0, S (2 bits), length (13 bits)
            n = Math.min(chunk & 0x1FFF, max);
            Arrays.fill(symbols, pos, pos + n, (chunk >>> 13) & 3);
        } else if ((chunk & 0x4000) == 0) {
            // §3.1.4 S=0: 14 one-bit symbols. 1 = received (small delta) as in the example and
            // in libwebrtc; the prose says the opposite.
            n = Math.min(14, max);
            for (int i = 0; i < n; i++) {
                symbols[pos + i] = (chunk >>> (13 - i)) & 1;
            }
        } else { // §3.1.4 S=1: 7 two-bit symbols
            n = Math.min(7, max);
            for (int i = 0; i < n; i++) {
                symbols[pos + i] = (chunk >>> (12 - 2 * i)) & 3;
            }
        }
        return n;
    }

    /** Receives one packet status from {@link #forEachPacket}. */
    @FunctionalInterface
    public interface PacketVisitor {
        /**
         * @param sequence  the 16-bit transport-wide sequence number
         * @param received  false for a "not received" status
         * @param arrivalUs when received: the reference time (read as signed, §3.1) plus the
         *                  deltas up to this packet, in µs at 250 µs resolution; else 0
         */
        void packet(int sequence, boolean received, long arrivalUs);
    }

    /**
     * Calls the visitor for every status in sequence order, base sequence first and wrapping
     * after 65535, without allocating. The whole packet is checked first, so a truncated one (or
     * one with the reserved symbol) reaches the visitor not at all.
     *
     * @return false when nothing was visited because the packet is malformed
     */
    public static boolean forEachPacket(byte[] buf, int off, int len, PacketVisitor visitor) {
        int count = statusCount(buf, off);
        int end = contentEnd(buf, off, len);
        int deltaBytes = 0;
        int p = off + HEADER;
        for (int n = 0; n < count; p += 2) { // first pass: chunk boundaries and delta sizes
            if (p + 2 > end) {
                return false;
            }
            int chunk = Bytes.u16(buf, p);
            int span = Math.min(chunkSpan(chunk), count - n);
            for (int i = 0; i < span; i++) {
                int symbol = symbolAt(chunk, i);
                if (symbol == RESERVED) {
                    return false;
                }
                deltaBytes += symbol; // 0, 1 or 2 bytes, §3.1.5
            }
            n += span;
        }
        if (p + deltaBytes > end) {
            return false;
        }
        int base = baseSequence(buf, off);
        long at = referenceTime(buf, off) * REFERENCE_TIME_UNIT_US;
        int d = p; // deltas follow the last chunk
        int n = 0;
        for (int c = off + HEADER; c < p; c += 2) {
            int chunk = Bytes.u16(buf, c);
            int span = Math.min(chunkSpan(chunk), count - n);
            for (int i = 0; i < span; i++, n++) {
                int symbol = symbolAt(chunk, i);
                if (symbol == NOT_RECEIVED) {
                    visitor.packet((base + n) & 0xFFFF, false, 0);
                    continue;
                }
                if (symbol == SMALL_DELTA) {
                    at += (buf[d++] & 0xFF) * DELTA_UNIT_US;
                } else {
                    at += (short) Bytes.u16(buf, d) * DELTA_UNIT_US;
                    d += 2;
                }
                visitor.packet((base + n) & 0xFFFF, true, at);
            }
        }
        return true;
    }

    /** Statuses a chunk describes: its run length, or 14 / 7 for a status vector. */
    private static int chunkSpan(int chunk) {
        if ((chunk & 0x8000) == 0) {
            return chunk & 0x1FFF;
        }
        return (chunk & 0x4000) == 0 ? 14 : 7;
    }

    /** The i-th symbol of a chunk, with the same reading of the 1-bit vector as decodeChunk. */
    private static int symbolAt(int chunk, int i) {
        if ((chunk & 0x8000) == 0) {
            return (chunk >>> 13) & 3;
        }
        if ((chunk & 0x4000) == 0) {
            return (chunk >>> (13 - i)) & 1;
        }
        return (chunk >>> (12 - 2 * i)) & 3;
    }

    /** End of the FCI, before RFC 3550 padding. */
    private static int contentEnd(byte[] buf, int off, int len) {
        return off + len - (Rtcp.padding(buf, off) ? buf[off + len - 1] & 0xFF : 0);
    }
}
