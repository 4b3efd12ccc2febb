package dev.beam.media.rtp;

import java.util.function.IntConsumer;

/**
 * Generic NACK (RFC 4585 §6.2.1) beyond the one-entry form of {@link Rtcp}: reading every lost
 * sequence number of a packet, and writing a packet with several FCI entries.
 *
 * <pre>
 * |            PID                |             BLP               |   one FCI entry
 * </pre>
 *
 * PID is a lost sequence number; BLP bit i (least significant = 0) set means PID + i + 1 (mod
 * 2^16) was lost as well, so one entry covers up to 17 packets.
 */
public final class Nacks {
    /** FCI entries per packet we write: 64 entries cover up to 1088 packets in 268 bytes. */
    public static final int MAX_ENTRIES = 64;
    public static final int HEADER = 12;
    public static final int ENTRY = 4;

    private Nacks() {
    }

    /**
     * Calls {@code seq} with each sequence number one generic NACK reports lost, entry by entry and
     * within an entry in increasing order (duplicates across entries are passed on as they come).
     * {@code off}/{@code len} delimit one RTCP packet as {@link Rtcp#forEach} passes it; anything
     * that is not a generic NACK is ignored.
     */
    public static void forEachNackedSeq(byte[] rtcp, int off, int len, IntConsumer seq) {
        if (len < HEADER || !RtcpFeedback.isNack(rtcp, off)) {
            return;
        }
        int n = RtcpFeedback.nackEntryCount(rtcp, off, len);
        for (int e = 0; e < n; e++) {
            int pid = RtcpFeedback.nackPid(rtcp, off, e);
            int blp = RtcpFeedback.nackBlp(rtcp, off, e);
            seq.accept(pid);
            for (int bit = 0; blp != 0; bit++, blp >>>= 1) {
                if ((blp & 1) != 0) {
                    seq.accept((pid + bit + 1) & 0xFFFF);
                }
            }
        }
    }

    /** Writes FCI entry {@code index} of the NACK at {@code off}; the header is written last. */
    public static void putEntry(byte[] dst, int off, int index, int pid, int blp) {
        int p = off + HEADER + ENTRY * index;
        dst[p] = (byte) (pid >>> 8);
        dst[p + 1] = (byte) pid;
        dst[p + 2] = (byte) (blp >>> 8);
        dst[p + 3] = (byte) blp;
    }

    /**
     * Writes the common feedback header (RFC 4585 §6.1) for {@code entries} FCI entries already in
     * place after it, and returns the packet length.
     */
    public static int finish(byte[] dst, int off, long senderSsrc, long mediaSsrc, int entries) {
        int pid0 = (dst[off + HEADER] & 0xFF) << 8 | dst[off + HEADER + 1] & 0xFF;
        int blp0 = (dst[off + HEADER + 2] & 0xFF) << 8 | dst[off + HEADER + 3] & 0xFF;
        RtcpWriter.writeNack(dst, off, senderSsrc, mediaSsrc, pid0, blp0);
        int length = HEADER + ENTRY * entries;
        int words = length / 4 - 1; // RFC 3550 §6.4.1: length in 32-bit words minus one
        dst[off + 2] = (byte) (words >>> 8);
        dst[off + 3] = (byte) words;
        return length;
    }
}
