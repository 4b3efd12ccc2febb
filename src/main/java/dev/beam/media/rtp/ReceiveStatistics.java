package dev.beam.media.rtp;

/**
 * Reception statistics of one incoming SSRC, for the report blocks of our RRs (RFC 3550 §6.4.2).
 * Sequence tracking follows Appendix A.1 without the probation period (the stream is already
 * vouched for by SRTP), loss A.3, jitter A.8 in its integer form.
 *
 * <p>{@link #packetReceived} runs on the receive thread and {@link #writeReportBlock} on the RTCP
 * timer, so every method is synchronized; each does O(1) work.
 */
public final class ReceiveStatistics {
    private static final int SEQ_MOD = 1 << 16;
    /** A.1: forward jumps below this are in-order with losses; beyond, maybe a restart. */
    private static final int MAX_DROPOUT = 3000;
    /** A.1: backward steps up to this are reordered or duplicate packets. */
    private static final int MAX_MISORDER = 100;
    private static final int MAX_CUMULATIVE_LOST = 0x7FFFFF;  // 24-bit signed field
    private static final int MIN_CUMULATIVE_LOST = -0x800000;

    private boolean started;
    private int maxSeq;
    private long cycles;          // count of wraps, shifted: multiples of 2^16
    private int baseSeq;
    private int badSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private boolean haveTransit;
    private int transit;
    private long jitter16;        // jitter * 16, A.8's integer form

    private long lastSrMiddle;    // LSR: middle 32 bits of the last SR's NTP timestamp, 0 if none
    private long lastSrArrivalMillis;

    /**
     * Accounts one packet. {@code arrivalRtpUnits} is the arrival time on any monotonic clock,
     * converted by the caller to this stream's RTP clock rate; only differences matter (A.8).
     */
    public synchronized void packetReceived(int seq, long rtpTimestamp, long arrivalRtpUnits) {
        seq &= 0xFFFF;
        if (!started) {
            started = true;
            initSequence(seq);
        } else if (!updateSequence(seq)) {
            return;
        }
        received++;
        // A.8: transit times are only compared, so 32-bit wrapping arithmetic is exact.
        int t = (int) (arrivalRtpUnits - rtpTimestamp);
        if (haveTransit) {
            long d = Math.abs((long) (t - transit));
            jitter16 += d - ((jitter16 + 8) >> 4);
        }
        transit = t;
        haveTransit = true;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1; // matches no sequence number
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** A.1 update_seq; false when the packet is set aside as a possible restart. */
    private boolean updateSequence(int seq) {
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq != badSeq) {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
            // Two sequential packets after a big jump: the sender restarted its numbering.
            initSequence(seq);
            haveTransit = false;
        }
        // else: duplicate or reordered, counted but max unchanged
        return true;
    }

    /** Keeps LSR (§6.4.1) from an SR of this source and when it arrived, for DLSR. */
    public synchronized void recordSenderReport(long ntpTimestamp, long arrivalMillis) {
        lastSrMiddle = NtpTime.middle32(ntpTimestamp);
        lastSrArrivalMillis = arrivalMillis;
    }

    public synchronized long packetsReceived() {
        return received;
    }

    /** Cycles and highest sequence number seen, as in the report block (A.3). */
    public synchronized long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    /** Packets expected minus received, clamped to the 24-bit signed field; may be negative. */
    public synchronized int cumulativeLost() {
        long lost = expected() - received;
        return (int) Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, lost));
    }

    /** Interarrival jitter in RTP timestamp units (A.8). */
    public synchronized long jitter() {
        return jitter16 >> 4;
    }

    private long expected() {
        return started ? cycles + maxSeq - baseSeq + 1 : 0;
    }

    /**
     * Writes the 24-byte report block for source {@code ssrc} and starts a new fraction-lost
     * interval (A.3). DLSR is the time since the last SR in 1/65536 s; LSR and DLSR are 0 without
     * one. Callers normally skip sources with {@link #packetsReceived()} == 0.
     *
     * @return {@link Rtcp#REPORT_BLOCK}
     */
    public synchronized int writeReportBlock(byte[] dst, int off, long ssrc, long nowMillis) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long lostInterval = expectedInterval - (received - receivedPrior);
        expectedPrior = expected;
        receivedPrior = received;
        int fraction = expectedInterval == 0 || lostInterval <= 0
                ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);

        long dlsr = 0;
        if (lastSrMiddle != 0) {
            long elapsed = Math.max(0, nowMillis - lastSrArrivalMillis);
            dlsr = Math.min(0xFFFF_FFFFL, (elapsed << 16) / 1000);
        }
        Bytes.put32(dst, off, ssrc);
        dst[off + 4] = (byte) fraction;
        Bytes.put24(dst, off + 5, cumulativeLost() & 0xFFFFFF);
        Bytes.put32(dst, off + 8, extendedHighestSequence());
        Bytes.put32(dst, off + 12, jitter());
        Bytes.put32(dst, off + 16, lastSrMiddle);
        Bytes.put32(dst, off + 20, dlsr);
        return Rtcp.REPORT_BLOCK;
    }
}
