package dev.beam.media.receive;

import dev.beam.media.rtp.RtpPacket;
import java.util.Arrays;

/**
 * The broadcaster's recent RTP packets of one stream (one SSRC), in plaintext as received, kept so
 * that packets viewers NACK (RFC 4585 §6.2.1) can be sent again without asking the broadcaster.
 * One history serves every viewer; each viewer rewrites and encrypts its own copy.
 *
 * <p>A power-of-two ring indexed by {@code seq & mask}; every slot owns a preallocated buffer, so
 * storing allocates nothing. Each slot also records the packet's extended sequence number (RFC 3550
 * Appendix A.1: the 16-bit number with its wrap count), so a slot left over from an earlier lap is
 * never mistaken for the packet asked for, and only packets within {@code capacity} of the newest
 * one are returned.
 *
 * <p>Threads: {@link #store} from one thread at a time (the drain thread); {@link #copy} from any
 * number of viewer RTCP threads. Each slot has its own lock held only for the copy in or out, so a
 * reader never sees a half-written packet and the writer is blocked at most by one slot's copy.
 * Nothing calls out under a lock: copy, then rewrite and send after {@link #copy} returns.
 */
public final class PacketHistory {
    public static final int DEFAULT_CAPACITY = 1024;
    /** A 1500-byte MTU packet with room to spare; larger packets are not kept. */
    public static final int DEFAULT_SLOT_SIZE = 1600;
    /** Keeps the ring well inside half the 16-bit space, so a 16-bit number names one slot's packet. */
    public static final int MAX_CAPACITY = 1 << 15;

    private static final long EMPTY = -1;

    private final byte[][] buffers;
    private final int[] lengths;
    /** Extended sequence number of the packet in each slot, EMPTY when none; guarded by the slot. */
    private final long[] extSeqs;
    private final int mask;
    /** Newest extended sequence number stored, EMPTY before the first; written under {@code this}. */
    private volatile long highest = EMPTY;
    /** Sequence number of the last packet refused as too old, -1 when none; under {@code this}. */
    private int refusedSeq = -1;

    public PacketHistory() {
        this(DEFAULT_CAPACITY, DEFAULT_SLOT_SIZE);
    }

    /** @param capacity packets kept, a power of two up to {@link #MAX_CAPACITY} */
    public PacketHistory(int capacity, int slotSize) {
        if (capacity < 1 || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two <= " + MAX_CAPACITY
                    + ": " + capacity);
        }
        if (slotSize < RtpPacket.FIXED_HEADER) {
            throw new IllegalArgumentException("slot size " + slotSize);
        }
        buffers = new byte[capacity][slotSize];
        lengths = new int[capacity];
        extSeqs = new long[capacity];
        Arrays.fill(extSeqs, EMPTY);
        mask = capacity - 1;
    }

    public int capacity() {
        return mask + 1;
    }

    /**
     * Copies in a valid RTP packet; its sequence number is read from the header. Returns false when
     * the packet is not valid RTP, does not fit a slot, or is older than the whole ring (a very late
     * packet must not displace newer ones). Two such packets in a row mean the sender restarted its
     * numbering (RFC 3550 Appendix A.1 treats a big jump the same way): the history starts over.
     */
    public synchronized boolean store(byte[] buf, int off, int len) {
        if (!RtpPacket.isValid(buf, off, len) || len > buffers[0].length) {
            return false;
        }
        int seq = RtpPacket.sequenceNumber(buf, off);
        long ext = extend(seq);
        long top = highest;
        if (top != EMPTY && top - ext >= buffers.length) {
            if (refusedSeq < 0 || seq != ((refusedSeq + 1) & 0xFFFF)) {
                refusedSeq = seq;
                return false;
            }
            clear();
            ext = extend(seq);
            top = EMPTY;
        }
        refusedSeq = -1;
        int i = (int) ext & mask;
        byte[] slot = buffers[i];
        synchronized (slot) {
            System.arraycopy(buf, off, slot, 0, len);
            lengths[i] = len;
            extSeqs[i] = ext;
        }
        if (top == EMPTY || ext > top) {
            highest = ext;
        }
        return true;
    }

    /**
     * Copies the packet with 16-bit sequence number {@code seq} into {@code dst} and returns its
     * length; -1 when it is not held (never stored, evicted, or from an earlier lap) or {@code dst}
     * has no room for it.
     */
    public int copy(int seq, byte[] dst, int dstOff) {
        long top = highest;
        if (top == EMPTY) {
            return -1;
        }
        // The one extended number ending in seq that lies within the ring below the newest packet.
        long ext = top - ((top - (seq & 0xFFFF)) & 0xFFFF);
        if (top - ext >= buffers.length) {
            return -1;
        }
        int i = (int) ext & mask;
        byte[] slot = buffers[i];
        synchronized (slot) {
            int len = lengths[i];
            if (extSeqs[i] != ext || dstOff < 0 || len > dst.length - dstOff) {
                return -1;
            }
            System.arraycopy(slot, 0, dst, dstOff, len);
            return len;
        }
    }

    /** Forgets every packet, for a stream that restarted (same SSRC, new numbering). */
    public synchronized void clear() {
        for (int i = 0; i < buffers.length; i++) {
            synchronized (buffers[i]) {
                extSeqs[i] = EMPTY;
                lengths[i] = 0;
            }
        }
        highest = EMPTY;
        refusedSeq = -1;
    }

    /**
     * RFC 3550 Appendix A.1 style: the extended number nearest the newest one. The first packet
     * starts one lap up so that reordered packets just before it stay non-negative.
     */
    private long extend(int seq) {
        long top = highest;
        if (top == EMPTY) {
            return (1 << 16) + seq;
        }
        int delta = (short) (seq - (int) top); // signed distance in 16-bit arithmetic
        return top + delta;
    }
}
