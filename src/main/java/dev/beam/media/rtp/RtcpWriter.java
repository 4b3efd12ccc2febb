package dev.beam.media.rtp;

import static dev.beam.media.rtp.Rtcp.FIR_LENGTH;
import static dev.beam.media.rtp.Rtcp.FMT_AFB;
import static dev.beam.media.rtp.Rtcp.FMT_FIR;
import static dev.beam.media.rtp.Rtcp.FMT_NACK;
import static dev.beam.media.rtp.Rtcp.FMT_PLI;
import static dev.beam.media.rtp.Rtcp.NACK_LENGTH;
import static dev.beam.media.rtp.Rtcp.PLI_LENGTH;
import static dev.beam.media.rtp.Rtcp.PSFB;
import static dev.beam.media.rtp.Rtcp.REMB_ID;
import static dev.beam.media.rtp.Rtcp.REPORT_BLOCK;
import static dev.beam.media.rtp.Rtcp.RR;
import static dev.beam.media.rtp.Rtcp.RR_HEADER;
import static dev.beam.media.rtp.Rtcp.RTPFB;
import static dev.beam.media.rtp.Rtcp.SDES;
import static dev.beam.media.rtp.Rtcp.SR;
import static dev.beam.media.rtp.Rtcp.SR_LENGTH;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builders of the RTCP packets the server sends, each writing one packet into a caller's buffer
 * and returning its length; {@link Rtcp} reads them.
 */
public final class RtcpWriter {
    private RtcpWriter() {
    }

    /** RFC 4585 §6.3.1: PLI has no FCI; 12 bytes, length field 2. */
    public static int writePli(byte[] dst, int off, long senderSsrc, long mediaSsrc) {
        writeFeedbackHeader(dst, off, FMT_PLI, PSFB, PLI_LENGTH, senderSsrc, mediaSsrc);
        return PLI_LENGTH;
    }

    /**
     * RFC 5104 §4.3.1: one FCI entry (SSRC, seq nr, 24 reserved zero bits); the header's media SSRC
     * is 0 (§4.3.1.2), the target goes in the entry. 20 bytes, length field 4.
     */
    public static int writeFir(byte[] dst, int off, long senderSsrc, long mediaSsrc, int seqNr) {
        writeFeedbackHeader(dst, off, FMT_FIR, PSFB, FIR_LENGTH, senderSsrc, 0);
        Bytes.put32(dst, off + 12, mediaSsrc);
        dst[off + 16] = (byte) seqNr;
        Bytes.put24(dst, off + 17, 0);
        return FIR_LENGTH;
    }

    /** RFC 4585 §6.2.1: generic NACK with one PID/BLP entry; 16 bytes. */
    public static int writeNack(byte[] dst, int off, long senderSsrc, long mediaSsrc, int pid,
            int blp) {
        writeFeedbackHeader(dst, off, FMT_NACK, RTPFB, NACK_LENGTH, senderSsrc, mediaSsrc);
        Bytes.put16(dst, off + 12, pid);
        Bytes.put16(dst, off + 14, blp);
        return NACK_LENGTH;
    }

    /**
     * Writes a REMB: PSFB FMT=15, media SSRC 0, 'REMB', Num SSRC, 6-bit exponent and 18-bit
     * mantissa, then the SSRCs. The bitrate is rounded down (it is a maximum, never overstate it).
     *
     * @return 20 + 4 * ssrcs.length
     */
    public static int writeRemb(byte[] dst, int off, long senderSsrc, long bitrateBps,
            long... ssrcs) {
        if (ssrcs.length > 255 || bitrateBps < 0) {
            throw new IllegalArgumentException("REMB: 0..255 SSRCs and a bitrate >= 0");
        }
        int length = 20 + 4 * ssrcs.length;
        writeFeedbackHeader(dst, off, FMT_AFB, PSFB, length, senderSsrc, 0);
        Bytes.put32(dst, off + 12, REMB_ID);
        int exp = Math.max(0, 64 - Long.numberOfLeadingZeros(bitrateBps) - 18);
        long mantissa = bitrateBps >>> exp;
        dst[off + 16] = (byte) ssrcs.length;
        Bytes.put24(dst, off + 17, exp << 18 | (int) mantissa);
        for (int i = 0; i < ssrcs.length; i++) {
            Bytes.put32(dst, off + 20 + 4 * i, ssrcs[i]);
        }
        return length;
    }

    static void writeFeedbackHeader(byte[] dst, int off, int fmt, int pt, int length,
            long senderSsrc, long mediaSsrc) {
        dst[off] = (byte) (0x80 | fmt);
        dst[off + 1] = (byte) pt;
        Bytes.put16(dst, off + 2, length / 4 - 1);
        Bytes.put32(dst, off + 4, senderSsrc);
        Bytes.put32(dst, off + 8, mediaSsrc);
    }

    /** SR with RC=0 (a forwarder sends its receive stats in RRs): 28 bytes, length field 6. */
    public static int writeSenderReport(byte[] dst, int off, long ssrc, long ntpTimestamp,
            long rtpTimestamp, long packetCount, long octetCount) {
        writeHeader(dst, off, 0, SR, SR_LENGTH);
        Bytes.put32(dst, off + 4, ssrc);
        Bytes.put32(dst, off + 8, ntpTimestamp >>> 32);
        Bytes.put32(dst, off + 12, ntpTimestamp);
        Bytes.put32(dst, off + 16, rtpTimestamp);
        Bytes.put32(dst, off + 20, packetCount);
        Bytes.put32(dst, off + 24, octetCount);
        return SR_LENGTH;
    }

    /**
     * RR header for {@code blockCount} (0..31) report blocks, which the caller writes right after
     * it (e.g. with {@code ReceiveStatistics.writeReportBlock}). Returns 8, the header length.
     */
    public static int writeReceiverReport(byte[] dst, int off, long senderSsrc, int blockCount) {
        if (blockCount < 0 || blockCount > 31) {
            throw new IllegalArgumentException("RC is 5 bits: " + blockCount);
        }
        writeHeader(dst, off, blockCount, RR, RR_HEADER + REPORT_BLOCK * blockCount);
        Bytes.put32(dst, off + 4, senderSsrc);
        return RR_HEADER;
    }

    /** Length of {@link #writeSdesCname} output: chunk padded to 32 bits with >= 1 null (§6.5). */
    public static int sdesCnameLength(int cnameBytes) {
        return 8 + ((2 + cnameBytes + 1 + 3) & ~3);
    }

    /** RFC 3550 §6.5: SDES with one chunk holding one CNAME item (UTF-8, at most 255 bytes). */
    public static int writeSdesCname(byte[] dst, int off, long ssrc, String cname) {
        return writeSdesCname(dst, off, ssrc, cname.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #writeSdesCname(byte[], int, long, String)} with the CNAME already encoded. */
    public static int writeSdesCname(byte[] dst, int off, long ssrc, byte[] cname) {
        if (cname.length > 255) {
            throw new IllegalArgumentException("SDES item text is at most 255 octets");
        }
        int length = sdesCnameLength(cname.length);
        writeHeader(dst, off, 1, SDES, length);
        Bytes.put32(dst, off + 4, ssrc);
        dst[off + 8] = 1; // CNAME
        dst[off + 9] = (byte) cname.length;
        System.arraycopy(cname, 0, dst, off + 10, cname.length);
        // END item and padding: "terminated by one or more null octets" up to the boundary.
        Arrays.fill(dst, off + 10 + cname.length, off + length, (byte) 0);
        return length;
    }

    private static void writeHeader(byte[] dst, int off, int count, int pt, int length) {
        dst[off] = (byte) (0x80 | count);
        dst[off + 1] = (byte) pt;
        Bytes.put16(dst, off + 2, length / 4 - 1);
    }
}
