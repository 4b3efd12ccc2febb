package dev.beam.media.bwe;

import java.util.Arrays;

/**
 * What was sent to one viewer, by transport-wide sequence number (draft-holmer-rmcat-transport-
 * wide-cc-extensions-01 §2): send time and size, so that feedback can be matched to it. A fixed
 * ring of {@link #CAPACITY} packets; older ones are forgotten and feedback about them ignored.
 *
 * <p>Sequence numbers are 16 bits on the wire; both sides unwrap them to 64 bits relative to the
 * highest recorded, which holds while fewer than 32768 packets are in flight.
 */
final class SentPackets {
    /** Packets remembered; a power of two. At 20 Mbit/s and 1200 bytes, about 4 s. */
    static final int CAPACITY = 8192;

    private final long[] seqs = new long[CAPACITY];
    private final long[] sendUs = new long[CAPACITY];
    private final int[] sizes = new int[CAPACITY];
    private final boolean[] received = new boolean[CAPACITY];
    private boolean started;
    private long highest;

    SentPackets() {
        Arrays.fill(seqs, Long.MIN_VALUE);
    }

    /**
     * Records a packet; {@code transportSeq} may be the 16-bit wire value or the sender's wider
     * counter (only its low 16 bits are used).
     */
    void record(long transportSeq, int size, long sendTimeUs) {
        long seq = unwrap((int) transportSeq);
        if (!started) {
            started = true;
            highest = seq;
        }
        highest = Math.max(highest, seq);
        int slot = slot(seq);
        seqs[slot] = seq;
        sendUs[slot] = sendTimeUs;
        sizes[slot] = size;
        received[slot] = false;
    }

    /** The nearest 64-bit value to the highest sent whose low 16 bits are {@code seq16}. */
    long unwrap(int seq16) {
        int seq = seq16 & 0xFFFF;
        return started ? highest + (short) (seq - (int) highest) : seq;
    }

    /** @return the packet's slot, or -1 when it was never recorded or has been overwritten */
    int find(long seq) {
        int slot = slot(seq);
        return seqs[slot] == seq ? slot : -1;
    }

    long sendTimeUs(int slot) {
        return sendUs[slot];
    }

    int size(int slot) {
        return sizes[slot];
    }

    /** Marks the packet acknowledged as received, so that a repeated report is ignored. */
    void markReceived(int slot) {
        received[slot] = true;
    }

    boolean isReceived(int slot) {
        return received[slot];
    }

    private static int slot(long seq) {
        return (int) (seq & (CAPACITY - 1));
    }
}
