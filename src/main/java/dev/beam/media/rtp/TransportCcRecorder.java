package dev.beam.media.rtp;

import java.util.Arrays;

/**
 * Receive side of transport-wide congestion control (draft-holmer-rmcat-transport-wide-cc-
 * extensions-01): remembers when each transport-wide sequence number arrived and turns everything
 * recorded since the previous feedback into one RTPFB FMT=15 packet (§3.1).
 *
 * <p>State is a fixed ring of {@link #CAPACITY} packets; if feedback is not sent for that long the
 * oldest unreported packets are dropped. A packet arriving after its sequence number was already
 * reported is ignored (the sender has been told "not received"; §3.1.1 says that may not mean lost).
 *
 * <p>{@link #record} runs on the receive thread and {@link #writeFeedback} on a timer; both are
 * synchronized. Nothing is allocated after construction.
 */
public final class TransportCcRecorder {
    /** The RTP header extension URI (draft §2), negotiated with a=extmap. */
    public static final String EXTENSION_URI =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** Most packet statuses put in one feedback. */
    public static final int MAX_STATUSES = 1000;
    /** Packets remembered; a power of two, room for two full feedbacks. */
    public static final int CAPACITY = 2048;

    private static final long TICKS_PER_REFERENCE = 256; // 64 ms / 250 µs

    private final long[] slotSeq = new long[CAPACITY];   // unwrapped seq the slot holds
    private final long[] slotArrivalUs = new long[CAPACITY];
    private final int[] symbols = new int[MAX_STATUSES];  // scratch for writeFeedback
    private final int[] deltas = new int[MAX_STATUSES];

    private boolean started;
    private long highest;        // highest unwrapped sequence number recorded
    private long nextToReport;   // first sequence number no feedback has covered yet
    private int feedbackCount;

    public TransportCcRecorder() {
        Arrays.fill(slotSeq, Long.MIN_VALUE);
    }

    /**
     * Records the packet's transport-wide sequence number, found in extension element {@code id}.
     *
     * @return false when the packet carries no 2-byte element with that id
     */
    public boolean recordPacket(byte[] buf, int off, int len, int id, long arrivalUs) {
        int seq = RtpPacket.transportSequenceNumber(buf, off, len, id);
        if (seq < 0) {
            return false;
        }
        record(seq, arrivalUs);
        return true;
    }

    /** Records one arrival; {@code arrivalUs} is on the caller's monotonic clock, in µs. */
    public synchronized void record(int transportSeq, long arrivalUs) {
        int seq = transportSeq & 0xFFFF;
        long u;
        if (!started) {
            started = true;
            u = seq;
            highest = u;
            nextToReport = u;
        } else {
            // Nearest unwrapped value to the highest so far: the 16-bit difference read as signed.
            u = highest + (short) (seq - (int) highest);
        }
        if (u < nextToReport) {
            return;
        }
        if (u - nextToReport >= CAPACITY) {
            nextToReport = u - CAPACITY + 1;
        }
        int slot = (int) (u & (CAPACITY - 1));
        if (slotSeq[slot] == u) {
            return; // duplicate: keep the first arrival
        }
        slotSeq[slot] = u;
        slotArrivalUs[slot] = arrivalUs;
        highest = Math.max(highest, u);
    }

    /**
     * Writes one feedback for the packets recorded since the last one, at most
     * {@link #MAX_STATUSES} of them and never more than {@code dst.length - off} bytes; what does
     * not fit (or needs a delta beyond ±8191.75 ms, §3.1.5) is left for the next call. Leave room
     * for the SRTCP trailer when sizing {@code dst}.
     *
     * @return the packet length, or 0 when there is nothing to report (or no room for one status)
     */
    public synchronized int writeFeedback(byte[] dst, int off, long senderSsrc, long mediaSsrc) {
        if (!started || nextToReport > highest) {
            return 0;
        }
        long begin = nextToReport;
        long first = begin;
        while (!has(first)) {
            first++; // terminates: highest is always held
        }
        if (first - begin >= MAX_STATUSES) {
            begin = first; // a long outage: don't spend a whole feedback saying so
        }
        long referenceTime =
                Math.floorDiv(arrivalUs(first), TransportCcFeedback.REFERENCE_TIME_UNIT_US);
        int n = collect(begin, referenceTime * TICKS_PER_REFERENCE, dst.length - off);
        if (n == 0) {
            return 0;
        }
        int p = off + TransportCcFeedback.HEADER;
        p = writeChunks(dst, p, n);
        for (int i = 0; i < n; i++) {
            if (symbols[i] == TransportCcFeedback.SMALL_DELTA) {
                dst[p++] = (byte) deltas[i];
            } else if (symbols[i] == TransportCcFeedback.LARGE_DELTA) {
                Bytes.put16(dst, p, deltas[i]);
                p += 2;
            }
        }
        int length = (p - off + 3) & ~3;
        int pad = length - (p - off);
        if (pad > 0) { // RFC 3550 §6.4.1 padding: zeros, the last octet counts them
            Arrays.fill(dst, p, off + length - 1, (byte) 0);
            dst[off + length - 1] = (byte) pad;
        }
        dst[off] = (byte) (0x80 | (pad > 0 ? 0x20 : 0) | Rtcp.FMT_TRANSPORT_CC);
        dst[off + 1] = (byte) Rtcp.RTPFB;
        Bytes.put16(dst, off + 2, length / 4 - 1);
        Bytes.put32(dst, off + 4, senderSsrc);
        Bytes.put32(dst, off + 8, mediaSsrc);
        Bytes.put16(dst, off + 12, (int) begin);
        Bytes.put16(dst, off + 14, n);
        Bytes.put24(dst, off + 16, (int) referenceTime);
        dst[off + 19] = (byte) feedbackCount;
        feedbackCount = (feedbackCount + 1) & 0xFF;
        nextToReport = begin + n;
        return length;
    }

    /**
     * Fills symbols/deltas from {@code begin} while the packet stays within {@code capacity} bytes,
     * counting chunks as if all were 7-symbol vectors (the encoder never needs more). Trailing
     * "not received" statuses are left out so they can still arrive before the next feedback.
     */
    private int collect(long begin, long prevTick, int capacity) {
        int n = 0;
        int received = 0;
        int deltaBytes = 0;
        for (long s = begin; s <= highest && n < MAX_STATUSES; s++) {
            int symbol = TransportCcFeedback.NOT_RECEIVED;
            long delta = 0;
            if (has(s)) {
                long tick = Math.floorDiv(arrivalUs(s), TransportCcFeedback.DELTA_UNIT_US);
                delta = tick - prevTick;
                if (delta >= 0 && delta <= 0xFF) {
                    symbol = TransportCcFeedback.SMALL_DELTA;
                } else if (delta >= Short.MIN_VALUE && delta <= Short.MAX_VALUE) {
                    symbol = TransportCcFeedback.LARGE_DELTA;
                } else {
                    break; // needs a new reference time
                }
                int size = TransportCcFeedback.HEADER + 2 * ((n + 7) / 7) + deltaBytes + symbol + 3;
                if (size > capacity) {
                    break;
                }
                deltaBytes += symbol; // symbol 1 or 2 is also the delta's byte count
                prevTick = tick;
            }
            symbols[n] = symbol;
            deltas[n] = (int) delta;
            n++;
            if (symbol != TransportCcFeedback.NOT_RECEIVED) {
                received = n;
            }
        }
        return received;
    }

    /**
     * Greedy chunking (§3.1.3, §3.1.4): long runs as run length chunks, otherwise 14 one-bit
     * symbols when no large delta is among them, else 7 two-bit symbols. Slots of a vector past
     * the status count are "not received" and ignored by the reader.
     */
    private int writeChunks(byte[] dst, int p, int n) {
        int i = 0;
        while (i < n) {
            int run = 1;
            while (i + run < n && run < 0x1FFF && symbols[i + run] == symbols[i]) {
                run++;
            }
            int chunk;
            int span;
            if (run >= 14 || run >= 7 && hasLarge(i, Math.min(n, i + 14))) {
                chunk = symbols[i] << 13 | run;
                span = run;
            } else if (!hasLarge(i, Math.min(n, i + 14))) {
                chunk = 0x8000;
                span = Math.min(14, n - i);
                for (int k = 0; k < span; k++) {
                    chunk |= symbols[i + k] << (13 - k);
                }
            } else {
                chunk = 0xC000;
                span = Math.min(7, n - i);
                for (int k = 0; k < span; k++) {
                    chunk |= symbols[i + k] << (12 - 2 * k);
                }
            }
            Bytes.put16(dst, p, chunk);
            p += 2;
            i += span;
        }
        return p;
    }

    private boolean hasLarge(int from, int to) {
        for (int k = from; k < to; k++) {
            if (symbols[k] == TransportCcFeedback.LARGE_DELTA) {
                return true;
            }
        }
        return false;
    }

    private boolean has(long seq) {
        return slotSeq[(int) (seq & (CAPACITY - 1))] == seq;
    }

    private long arrivalUs(long seq) {
        return slotArrivalUs[(int) (seq & (CAPACITY - 1))];
    }
}
