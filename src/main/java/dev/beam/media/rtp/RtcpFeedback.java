package dev.beam.media.rtp;

/**
 * Static accessors over RTCP feedback messages (RFC 4585 §6, RFC 5104 §4.3.1) and REMB
 * (draft-alvestrand-rmcat-remb-03 §2.2). Each takes the offset of one packet that
 * {@link Rtcp#forEach} or {@link Rtcp#isValid} accepted.
 */
public final class RtcpFeedback {
    private RtcpFeedback() {
    }

    public static boolean isPli(byte[] buf, int off) {
        return Rtcp.packetType(buf, off) == Rtcp.PSFB && Rtcp.fmt(buf, off) == Rtcp.FMT_PLI;
    }

    public static boolean isFir(byte[] buf, int off) {
        return Rtcp.packetType(buf, off) == Rtcp.PSFB && Rtcp.fmt(buf, off) == Rtcp.FMT_FIR;
    }

    public static boolean isNack(byte[] buf, int off) {
        return Rtcp.packetType(buf, off) == Rtcp.RTPFB && Rtcp.fmt(buf, off) == Rtcp.FMT_NACK;
    }

    /** Number of 8-byte FIR FCI entries (RFC 5104 §4.3.1.1). */
    public static int firEntryCount(byte[] buf, int off, int len) {
        return (len - Rtcp.paddingOf(buf, off, len) - 12) / 8;
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
        return (len - Rtcp.paddingOf(buf, off, len) - 12) / 4;
    }

    /** Packet ID: the first lost sequence number. */
    public static int nackPid(byte[] buf, int off, int index) {
        return Bytes.u16(buf, off + 12 + 4 * index);
    }

    /** Bitmask of following lost packets: bit i (LSB = 0) set means PID + i + 1 was lost too. */
    public static int nackBlp(byte[] buf, int off, int index) {
        return Bytes.u16(buf, off + 14 + 4 * index);
    }

    // REMB, draft-alvestrand-rmcat-remb-03 §2.2

    /** True for a PSFB AFB carrying 'REMB' whose length holds all the SSRCs it announces. */
    public static boolean isRemb(byte[] buf, int off, int len) {
        if (Rtcp.packetType(buf, off) != Rtcp.PSFB || Rtcp.fmt(buf, off) != Rtcp.FMT_AFB) {
            return false;
        }
        int content = len - Rtcp.paddingOf(buf, off, len);
        return content >= 20 && Bytes.u32(buf, off + 12) == Rtcp.REMB_ID
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
}
