package dev.beam.media.rtp;

/**
 * Static accessors over (decrypted) RTCP. A compound packet is walked with {@link #forEach}; every
 * other method takes the offset of one RTCP packet inside it and assumes {@link #forEach} or
 * {@link #isValid} accepted it; {@link RtcpWriter} builds packets. Common header, RFC 3550 §6.4.1 /
 * RFC 4585 §6.1:
 *
 * <pre>
 * |V=2|P| RC/FMT  |      PT       |             length            |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source (feedback only)         |
 * </pre>
 */
public final class Rtcp {
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    public static final int RTPFB = 205;
    public static final int PSFB = 206;

    public static final int FMT_NACK = 1; // RTPFB, RFC 4585 §6.2.1
    public static final int FMT_PLI = 1;  // PSFB, RFC 4585 §6.3.1
    public static final int FMT_FIR = 4;  // PSFB, RFC 5104 §4.3.1
    /** PSFB application layer feedback (RFC 4585 §6.4), used by REMB. */
    public static final int FMT_AFB = 15;
    /** RTPFB transport-wide congestion control feedback (transport-cc draft §3.1). */
    public static final int FMT_TRANSPORT_CC = 15;

    public static final int PLI_LENGTH = 12;
    public static final int FIR_LENGTH = 20;
    public static final int NACK_LENGTH = 16;
    /** RFC 3550 §6.4.1: report block size. */
    public static final int REPORT_BLOCK = 24;
    /** RFC 3550 §6.4.1: SR header and sender info, no report blocks. */
    public static final int SR_LENGTH = 28;
    /** RFC 3550 §6.4.2: RR header before its report blocks. */
    public static final int RR_HEADER = 8;
    /** 'R' 'E' 'M' 'B' as a big-endian 32-bit value. */
    static final long REMB_ID = 0x52454D42L;

    /** Receives one RTCP packet of a compound: {@code len} is its full length incl. padding. */
    @FunctionalInterface
    public interface RtcpVisitor {
        void packet(byte[] buf, int off, int len);
    }

    private Rtcp() {
    }

    /**
     * Visits each packet of a compound after checking all of them; a compound with any bad header
     * is dropped whole, visiting nothing (RFC 3550 Appendix A.2). Never throws on malformed data.
     *
     * @return the number of packets visited, or -1 when the compound is malformed
     */
    public static int forEach(byte[] buf, int off, int len, RtcpVisitor visitor) {
        int n = compoundCount(buf, off, len);
        if (n <= 0) {
            return -1;
        }
        int p = off;
        int end = off + len;
        while (p < end) {
            int l = packetLength(buf, p);
            visitor.packet(buf, p, l);
            p += l;
        }
        return n;
    }

    /** True when {@code buf[off..off+len)} is a well-formed compound of at least one packet. */
    public static boolean isValid(byte[] buf, int off, int len) {
        return compoundCount(buf, off, len) > 0;
    }

    /** Number of packets in a well-formed compound, -1 otherwise. */
    private static int compoundCount(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 4 || len > buf.length - off) {
            return -1;
        }
        int p = off;
        int end = off + len;
        int n = 0;
        while (p < end) {
            if (end - p < 4 || version(buf, p) != 2) {
                return -1;
            }
            int l = packetLength(buf, p);
            if (l > end - p || !contentFits(buf, p, l)) {
                return -1;
            }
            p += l;
            n++;
        }
        return n;
    }

    /** Per-type minimum sizes, so the accessors below can read without bounds checks. */
    private static boolean contentFits(byte[] buf, int off, int len) {
        int content = len;
        if (padding(buf, off)) {
            int pad = buf[off + len - 1] & 0xFF; // §6.4.1: count includes itself
            if (pad < 1 || pad > len - 4) {
                return false;
            }
            content -= pad;
        }
        int rc = count(buf, off);
        switch (packetType(buf, off)) {
            case SR:
                return content >= 28 + REPORT_BLOCK * rc;
            case RR:
                return content >= 8 + REPORT_BLOCK * rc;
            case BYE:
                return content >= 4 + 4 * rc;
            case RTPFB:
            case PSFB:
                return content >= 12;
            default:
                return true;
        }
    }

    public static int version(byte[] buf, int off) {
        return (buf[off] & 0xC0) >>> 6;
    }

    public static boolean padding(byte[] buf, int off) {
        return (buf[off] & 0x20) != 0;
    }

    /** Reception report count (SR/RR), source count (SDES/BYE) or FMT (RTPFB/PSFB). */
    public static int count(byte[] buf, int off) {
        return buf[off] & 0x1F;
    }

    public static int fmt(byte[] buf, int off) {
        return buf[off] & 0x1F;
    }

    public static int packetType(byte[] buf, int off) {
        return buf[off + 1] & 0xFF;
    }

    /** §6.4.1: the length field is the packet length in 32-bit words minus one. */
    public static int packetLength(byte[] buf, int off) {
        return (Bytes.u16(buf, off + 2) + 1) * 4;
    }

    /** SSRC of the packet sender (SR, RR, RTPFB, PSFB); first SSRC/CSRC for SDES and BYE. */
    public static long senderSsrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 4);
    }

    /** RFC 4585 §6.1: SSRC of media source of a feedback message (0 for FIR, RFC 5104 §4.3.1.2). */
    public static long mediaSsrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 8);
    }

    // ---- Feedback, RFC 4585 §6 and RFC 5104 §4.3.1 ----

    public static boolean isPli(byte[] buf, int off) {
        return packetType(buf, off) == PSFB && fmt(buf, off) == FMT_PLI;
    }

    public static boolean isFir(byte[] buf, int off) {
        return packetType(buf, off) == PSFB && fmt(buf, off) == FMT_FIR;
    }

    public static boolean isNack(byte[] buf, int off) {
        return packetType(buf, off) == RTPFB && fmt(buf, off) == FMT_NACK;
    }

    /** Number of 8-byte FIR FCI entries (RFC 5104 §4.3.1.1). */
    public static int firEntryCount(byte[] buf, int off, int len) {
        return (len - paddingOf(buf, off, len) - 12) / 8;
    }

    /** SSRC of the stream the i-th FIR entry asks a decoder refresh for. */
    public static long firEntrySsrc(byte[] buf, int off, int index) {
        return Bytes.u32(buf, off + 12 + 8 * index);
    }

    public static int firEntrySeq(byte[] buf, int off, int index) {
        return buf[off + 16 + 8 * index] & 0xFF;
    }

    /** Number of 4-byte generic NACK FCI entries (RFC 4585 §6.2.1). */
    public static int nackEntryCount(byte[] buf, int off, int len) {
        return (len - paddingOf(buf, off, len) - 12) / 4;
    }

    /** Packet ID: the first lost sequence number. */
    public static int nackPid(byte[] buf, int off, int index) {
        return Bytes.u16(buf, off + 12 + 4 * index);
    }

    /** Bitmask of following lost packets: bit i (LSB = 0) set means PID + i + 1 was lost too. */
    public static int nackBlp(byte[] buf, int off, int index) {
        return Bytes.u16(buf, off + 14 + 4 * index);
    }

    // ---- REMB, draft-alvestrand-rmcat-remb-03 §2.2 ----

    /** True for a PSFB AFB carrying 'REMB' whose length holds all the SSRCs it announces. */
    public static boolean isRemb(byte[] buf, int off, int len) {
        if (packetType(buf, off) != PSFB || fmt(buf, off) != FMT_AFB) {
            return false;
        }
        int content = len - paddingOf(buf, off, len);
        return content >= 20 && Bytes.u32(buf, off + 12) == REMB_ID
                && content >= 20 + 4 * rembSsrcCount(buf, off);
    }

    public static int rembSsrcCount(byte[] buf, int off) {
        return buf[off + 16] & 0xFF;
    }

    /** Mantissa * 2^exp in bits per second; Long.MAX_VALUE when that does not fit a long. */
    public static long rembBitrate(byte[] buf, int off) {
        int v = Bytes.u24(buf, off + 17);
        int exp = v >>> 18;
        long mantissa = v & 0x3FFFF;
        if (mantissa != 0 && exp >= Long.numberOfLeadingZeros(mantissa)) {
            return Long.MAX_VALUE;
        }
        return mantissa << exp;
    }

    public static long rembSsrc(byte[] buf, int off, int index) {
        return Bytes.u32(buf, off + 20 + 4 * index);
    }

    // ---- Sender and receiver reports, RFC 3550 §6.4.1 / §6.4.2 ----

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
        return off + (packetType(buf, off) == SR ? 28 : 8) + REPORT_BLOCK * index;
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

    private static int paddingOf(byte[] buf, int off, int len) {
        return padding(buf, off) ? buf[off + len - 1] & 0xFF : 0;
    }
}
