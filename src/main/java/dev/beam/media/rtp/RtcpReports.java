package dev.beam.media.rtp;

/**
 * Static accessors over sender and receiver reports (RFC 3550 §6.4.1 / §6.4.2) and their report
 * blocks. Each takes the offset of one packet that {@link Rtcp#forEach} or {@link Rtcp#isValid}
 * accepted.
 */
public final class RtcpReports {
    private RtcpReports() {
    }

    /**
     * Round-trip time from a report block, §6.4.1: A - LSR - DLSR in 1/65536 s, all three in the
     * 32-bit "middle" NTP format, computed modulo 2^32 so it survives the 18 h wrap. Returns -1
     * when LSR is 0 (no SR received yet) and 0 when clocks make it negative.
     */
    public static long rttMillis(long lsr, long dlsr, long nowNtpMiddle32) {
        if (lsr == 0) {
            return -1;
        }
        int rtt = (int) (nowNtpMiddle32 - lsr - dlsr);
        return rtt <= 0 ? 0 : rtt * 1000L >>> 16;
    }

    /** 64-bit NTP timestamp: seconds since 1900 in the high 32 bits, fraction in the low 32. */
    public static long srNtpTimestamp(byte[] buf, int off) {
        return Bytes.u32(buf, off + 8) << 32 | Bytes.u32(buf, off + 12);
    }

    public static long srRtpTimestamp(byte[] buf, int off) {
        return Bytes.u32(buf, off + 16);
    }

    public static long srPacketCount(byte[] buf, int off) {
        return Bytes.u32(buf, off + 20);
    }

    public static long srOctetCount(byte[] buf, int off) {
        return Bytes.u32(buf, off + 24);
    }

    /** Absolute offset of report block {@code index} (< RC) of an SR or RR. */
    public static int reportBlockOffset(byte[] buf, int off, int index) {
        return off + (Rtcp.packetType(buf, off) == Rtcp.SR ? 28 : 8) + Rtcp.REPORT_BLOCK * index;
    }

    // The rb* accessors take the offset from reportBlockOffset.

    public static long rbSsrc(byte[] buf, int block) {
        return Bytes.u32(buf, block);
    }

    /** Fraction lost since the last report, in 1/256 units. */
    public static int rbFractionLost(byte[] buf, int block) {
        return buf[block + 4] & 0xFF;
    }

    /** Cumulative number of packets lost: 24-bit signed (duplicates can make it negative). */
    public static int rbCumulativeLost(byte[] buf, int block) {
        return Bytes.u24(buf, block + 5) << 8 >> 8;
    }

    public static long rbExtendedHighestSeq(byte[] buf, int block) {
        return Bytes.u32(buf, block + 8);
    }

    public static long rbJitter(byte[] buf, int block) {
        return Bytes.u32(buf, block + 12);
    }

    /** Middle 32 bits of the NTP timestamp of the last SR received (LSR). */
    public static long rbLastSr(byte[] buf, int block) {
        return Bytes.u32(buf, block + 16);
    }

    /** Delay since last SR (DLSR) in units of 1/65536 s. */
    public static long rbDelaySinceLastSr(byte[] buf, int block) {
        return Bytes.u32(buf, block + 20);
    }
}
