package dev.beam.media.rtp;

/**
 * Static accessors over (decrypted) RTCP. A compound packet is walked with {@link #forEach}; every
 * other method takes the offset of one RTCP packet inside it and assumes {@link #forEach} or
 * {@link #isValid} accepted it; {@link RtcpFeedback} and {@link RtcpReports} read the two families of
 * packets the media plane acts on, {@link RtcpWriter} builds packets. Common header, RFC 3550 §6.4.1 /
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

    /** The padding a packet declares at its end (RFC 3550 §6.4.1), 0 without the P bit. */
    static int paddingOf(byte[] buf, int off, int len) {
        return padding(buf, off) ? buf[off + len - 1] & 0xFF : 0;
    }
}
