package dev.beam.media.receive;

import dev.beam.media.rtp.Nacks;
import java.util.Arrays;

/**
 * Asks the broadcaster to resend packets of one incoming stream (one SSRC) that the server did not
 * receive, with generic NACKs (RFC 4585 §6.2.1). It is driven only by what the server received,
 * never by viewers' NACKs: a packet lost upstream is requested once for all viewers, and a packet
 * lost downstream is answered from the {@link PacketHistory}.
 *
 * <p>A gap in sequence numbers marks the skipped numbers missing. Each is requested at once, then
 * again at most once per round trip to the broadcaster, up to {@code maxRetries} requests; it is
 * given up when still missing one RTT after its last request, when older than {@code maxAgeMillis}
 * or when more than {@code maxBehind} packets behind the newest. A gap wider than
 * {@code maxBehind} is not requested at all: it is a restart of the sender's numbering or a loss
 * too big to repair, so everything outstanding is given up. Giving up raises
 * {@link #keyframeNeeded()}, since the decoders downstream now miss data. A missing packet that
 * arrives late (reordered or retransmitted) is no longer requested.
 *
 * <p>State is a fixed ring of {@code maxBehind} rounded up to a power of two, keyed by extended
 * sequence number (RFC 3550 Appendix A.1); nothing is allocated per packet. Thread-safe: the
 * receive thread calls {@link #received} and the same or a timer thread {@link #writeNacks}.
 */
public final class NackGenerator {
    public static final int DEFAULT_MAX_RETRIES = 10;
    public static final long DEFAULT_MAX_AGE_MILLIS = 1000;
    public static final int DEFAULT_MAX_BEHIND = 1000;
    /** Until a round trip is measured. */
    public static final long DEFAULT_RTT_MILLIS = 100;
    public static final long MIN_RTT_MILLIS = 10;
    public static final long MAX_RTT_MILLIS = 1000;

    private static final long NONE = -1;

    private final int maxRetries;
    private final long maxAgeMillis;
    private final int maxBehind;
    private final int mask;
    /** Extended number of the missing packet in each slot, NONE when the slot is free. */
    private final long[] missingExt;
    private final long[] firstMissedMillis;
    private final long[] lastRequestMillis;
    private final int[] requests;
    private long rttMillis = DEFAULT_RTT_MILLIS;
    private long highest = NONE;
    /** No missing packet is older than this (a lower bound, so scans can start there). */
    private long oldest = NONE;
    private int missing;
    /** Last packet refused as far older than the window, -1 when none (restart detection). */
    private int refusedSeq = -1;
    private boolean keyframeNeeded;
    private long givenUp;
    private long recovered;
    private long resets;

    public NackGenerator() {
        this(DEFAULT_MAX_RETRIES, DEFAULT_MAX_AGE_MILLIS, DEFAULT_MAX_BEHIND);
    }

    public NackGenerator(int maxRetries, long maxAgeMillis, int maxBehind) {
        if (maxRetries < 1 || maxAgeMillis < 1 || maxBehind < 1 || maxBehind > 1 << 14) {
            throw new IllegalArgumentException("maxRetries " + maxRetries + ", maxAgeMillis "
                    + maxAgeMillis + ", maxBehind " + maxBehind);
        }
        this.maxRetries = maxRetries;
        this.maxAgeMillis = maxAgeMillis;
        this.maxBehind = maxBehind;
        int size = Integer.highestOneBit(maxBehind) << 1; // > maxBehind: the window never collides
        mask = size - 1;
        missingExt = new long[size];
        firstMissedMillis = new long[size];
        lastRequestMillis = new long[size];
        requests = new int[size];
        Arrays.fill(missingExt, NONE);
    }

    /**
     * Round trip to the broadcaster, clamped to [{@value #MIN_RTT_MILLIS}, {@value #MAX_RTT_MILLIS}]
     * ms so that a bogus measurement neither floods it with NACKs nor stops them.
     */
    public synchronized void setRttMillis(long rtt) {
        rttMillis = Math.max(MIN_RTT_MILLIS, Math.min(MAX_RTT_MILLIS, rtt));
    }

    /**
     * Records a packet the server received on this stream (for RTX, its original sequence number).
     * Returns true when it was a missing one, now recovered.
     */
    public synchronized boolean received(int seq, long nowMillis) {
        seq &= 0xFFFF;
        if (highest == NONE) {
            highest = (1 << 16) + seq; // one lap up: reordered packets just before stay positive
            return false;
        }
        int delta = (short) (seq - (int) highest); // signed 16-bit distance, RFC 3550 A.1
        long ext = highest + delta;
        if (delta <= 0) {
            if (-delta > maxBehind) {
                // Far older than anything tracked: a stray, or the first packets of a restarted
                // numbering; two in a row mean the latter.
                boolean restart = refusedSeq >= 0 && seq == ((refusedSeq + 1) & 0xFFFF);
                refusedSeq = seq;
                if (restart) {
                    restart(seq);
                }
                return false;
            }
            refusedSeq = -1;
            int i = (int) ext & mask;
            if (delta < 0 && missingExt[i] == ext) {
                remove(i);
                recovered++;
                return true;
            }
            return false;
        }
        refusedSeq = -1;
        if (delta > maxBehind) {
            restart(seq);
            return false;
        }
        for (long e = highest + 1; e <= ext; e++) {
            int i = (int) e & mask;
            if (missingExt[i] != NONE) { // a whole ring older: long past maxBehind
                giveUp(i);
            }
            if (e < ext) {
                missingExt[i] = e;
                firstMissedMillis[i] = nowMillis;
                requests[i] = 0;
                if (missing++ == 0) {
                    oldest = e;
                }
            }
        }
        highest = ext;
        return false;
    }

    /**
     * Writes one generic NACK (RFC 4585 §6.2.1) for the missing packets due now, and counts them as
     * requested; gives up the ones past their limits. Returns its length, 0 when nothing is due.
     * Call after each received packet and on a timer (e.g. every 20 ms) so retries and give-ups also
     * happen while the stream is silent. Entries that do not fit {@code dst} (at most
     * {@link Nacks#MAX_ENTRIES}) stay due for the next call.
     */
    public synchronized int writeNacks(byte[] dst, int off, long senderSsrc, long mediaSsrc,
            long nowMillis) {
        int room = Math.min(Nacks.MAX_ENTRIES, (dst.length - off - Nacks.HEADER) / Nacks.ENTRY);
        if (missing == 0 || room < 1) {
            return 0;
        }
        int entries = 0;
        long pid = NONE;
        int blp = 0;
        long stillMissing = NONE;
        for (long e = Math.max(oldest, highest - mask); e < highest; e++) {
            int i = (int) e & mask;
            if (missingExt[i] != e) {
                continue;
            }
            if (expired(i, e, nowMillis)) {
                giveUp(i);
                continue;
            }
            if (stillMissing == NONE) {
                stillMissing = e;
            }
            if (!due(i, nowMillis)) {
                continue;
            }
            if (pid != NONE && e - pid <= 16) {
                blp |= 1 << (e - pid - 1);
            } else {
                if (pid != NONE) {
                    Nacks.putEntry(dst, off, entries++, (int) pid & 0xFFFF, blp);
                }
                if (entries == room) {
                    break; // this and later ones stay due
                }
                pid = e;
                blp = 0;
            }
            requests[i]++;
            lastRequestMillis[i] = nowMillis;
        }
        if (pid != NONE && entries < room) {
            Nacks.putEntry(dst, off, entries++, (int) pid & 0xFFFF, blp);
        }
        oldest = stillMissing;
        return entries == 0 ? 0 : Nacks.finish(dst, off, senderSsrc, mediaSsrc, entries);
    }

    /**
     * True when packets were given up since the last call, which resets it: the caller should ask
     * the broadcaster for a keyframe (through {@link KeyframeRequester}, which absorbs repeats).
     */
    public synchronized boolean keyframeNeeded() {
        boolean needed = keyframeNeeded;
        keyframeNeeded = false;
        return needed;
    }

    /** Packets currently missing and still being requested. */
    public synchronized int missingCount() {
        return missing;
    }

    /** Packets given up so far (a gap wider than maxBehind counts as a reset, not here). */
    public synchronized long givenUpCount() {
        return givenUp;
    }

    /** Missing packets that arrived late. */
    public synchronized long recoveredCount() {
        return recovered;
    }

    /** Gaps too wide to request, or restarts of the sender's numbering. */
    public synchronized long resetCount() {
        return resets;
    }

    private boolean expired(int i, long ext, long now) {
        if (highest - ext > maxBehind || now - firstMissedMillis[i] >= maxAgeMillis) {
            return true;
        }
        // After the last allowed request, wait one RTT for its answer before giving up.
        return requests[i] >= maxRetries && now - lastRequestMillis[i] >= rttMillis;
    }

    private boolean due(int i, long now) {
        if (requests[i] == 0) {
            return true;
        }
        if (requests[i] >= maxRetries) {
            return false;
        }
        long since = now - lastRequestMillis[i];
        return since >= rttMillis || since < 0; // a clock stepped back must not stall retries
    }

    /** Gives up everything outstanding and starts tracking afresh from {@code seq}. */
    private void restart(int seq) {
        for (int i = 0; i < missingExt.length; i++) {
            if (missingExt[i] != NONE) {
                giveUp(i);
            }
        }
        resets++;
        keyframeNeeded = true;
        highest = (1 << 16) + seq;
        oldest = NONE;
        refusedSeq = -1;
    }

    private void giveUp(int i) {
        remove(i);
        givenUp++;
        keyframeNeeded = true;
    }

    private void remove(int i) {
        missingExt[i] = NONE;
        missing--;
    }
}
