package dev.beam.media.receive;

import java.util.Arrays;

/**
 * Lets each sequence number of one stream through once. The fan-out must never forward two
 * packets under one sequence number: a viewer's SRTP index follows it, and two plaintexts under
 * one index would reuse a keystream (RFC 3711 §9.1; with AES-GCM, a nonce, RFC 7714 §8.1).
 *
 * <p>A window over the last {@value #WINDOW} extended sequence numbers (RFC 3550 Appendix A.1),
 * as RFC 3711 §3.3.2 keeps for replays. Older packets are refused, except that two in a row far
 * below the window, one after the other, mean the sender restarted its numbering: the window
 * starts over and the {@linkplain #epoch epoch} moves on, so that those who map the numbers
 * (send streams, the history) know the old numbers no longer name the same packets.
 */
final class DuplicateFilter {
    static final int WINDOW = 1024;
    private static final long NONE = -1;

    private final long[] seen = new long[WINDOW / 64];
    private long highest = NONE;
    private int refusedSeq = -1;
    private int epoch;

    /** True for the first copy of a packet; false for a duplicate or one older than the window. */
    boolean firstCopy(int seq) {
        seq &= 0xFFFF;
        if (highest == NONE) {
            restart(seq);
            return true;
        }
        int delta = (short) (seq - (int) highest); // signed 16-bit distance, RFC 3550 A.1
        if (delta > 0) {
            for (long e = highest + 1; e < highest + delta && e - highest <= WINDOW; e++) {
                clear(e);
            }
            highest += delta;
            mark(highest);
            refusedSeq = -1;
            return true;
        }
        long ext = highest + delta;
        if (-delta >= WINDOW) {
            boolean restarted = refusedSeq >= 0 && seq == ((refusedSeq + 1) & 0xFFFF);
            refusedSeq = seq;
            if (restarted) {
                restart(seq);
                epoch++;
                return true;
            }
            return false;
        }
        refusedSeq = -1;
        if (isMarked(ext)) {
            return false;
        }
        mark(ext);
        return true;
    }

    /** Counts numbering restarts; packets of different epochs are unrelated. */
    int epoch() {
        return epoch;
    }

    private void restart(int seq) {
        Arrays.fill(seen, 0);
        highest = (1 << 16) + seq; // one lap up: reordered packets just before stay positive
        refusedSeq = -1;
        mark(highest);
    }

    private void mark(long ext) {
        int bit = (int) (ext & (WINDOW - 1));
        seen[bit >>> 6] |= 1L << (bit & 63);
    }

    private void clear(long ext) {
        int bit = (int) (ext & (WINDOW - 1));
        seen[bit >>> 6] &= ~(1L << (bit & 63));
    }

    private boolean isMarked(long ext) {
        int bit = (int) (ext & (WINDOW - 1));
        return (seen[bit >>> 6] & 1L << (bit & 63)) != 0;
    }
}
