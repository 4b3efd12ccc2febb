package dev.beam.media.rtp;

import static dev.beam.media.rtp.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REMB, SR, SDES and RTT: the RTCP the SFU sends, checked against hand-built bytes. */
class RtcpWritersTest {

    /** draft-alvestrand-rmcat-remb-03 §2.2, field by field (the draft has no byte example). */
    static final byte[] REMB = bytes(
            0x8F, 0xCE, 0x00, 0x06, // V=2 P=0 FMT=15, PT=206 PSFB, length 6 -> 28 bytes
            0x00, 0x00, 0x00, 0x01, // SSRC of packet sender
            0x00, 0x00, 0x00, 0x00, // SSRC of media source: always 0
            'R', 'E', 'M', 'B',     // unique identifier
            0x02, 0x0B, 0xD0, 0x90, // Num SSRC 2 | BR Exp 2 (000010) | mantissa 250000 (0x3D090)
            0xCA, 0xFE, 0xBA, 0xBE, // SSRC feedback
            0x12, 0x34, 0x56, 0x78);

    @Test
    void rembParsesAndBuildsByteForByte() {
        assertTrue(Rtcp.isValid(REMB, 0, REMB.length));
        assertTrue(RtcpFeedback.isRemb(REMB, 0, REMB.length));
        assertFalse(RtcpFeedback.isPli(REMB, 0));
        assertEquals(1_000_000, RtcpFeedback.rembBitrate(REMB, 0)); // 250000 * 2^2
        assertEquals(2, RtcpFeedback.rembSsrcCount(REMB, 0));
        assertEquals(0xCAFEBABEL, RtcpFeedback.rembSsrc(REMB, 0, 0));
        assertEquals(0x12345678L, RtcpFeedback.rembSsrc(REMB, 0, 1));
        byte[] out = new byte[32];
        assertEquals(28, RtcpWriter.writeRemb(out, 4, 1, 1_000_000, 0xCAFEBABEL, 0x12345678L));
        assertArrayEquals(REMB, Arrays.copyOfRange(out, 4, 32));
    }

    @Test
    void rembBitratesRoundDownToAnEighteenBitMantissa() {
        Map<Long, Integer> exponents = Map.of(0L, 0, 1L, 0, 262_143L, 0, 262_144L, 1,
                262_145L, 1, 2_500_001L, 4, 10_000_000_000L, 16, Long.MAX_VALUE, 45);
        byte[] out = new byte[24];
        exponents.forEach((bps, exp) -> {
            RtcpWriter.writeRemb(out, 0, 7, bps, 9);
            assertTrue(RtcpFeedback.isRemb(out, 0, 24));
            assertEquals(exp, (out[17] & 0xFF) >>> 2, "exponent for " + bps);
            long decoded = RtcpFeedback.rembBitrate(out, 0);
            assertEquals(bps >>> exp << exp, decoded, "bitrate for " + bps);
            assertTrue(decoded <= bps && bps - decoded < 1L << exp);
            assertEquals(9, RtcpFeedback.rembSsrc(out, 0, 0));
        });
    }

    @Test
    void rembEdgeCases() {
        byte[] huge = REMB.clone();
        huge[17] = (byte) 0xFC; // exponent 63, mantissa 0x0D090: beyond a long
        assertEquals(Long.MAX_VALUE, RtcpFeedback.rembBitrate(huge, 0));
        byte[] tooMany = REMB.clone();
        tooMany[16] = 3; // announces 3 SSRCs, holds 2
        assertFalse(RtcpFeedback.isRemb(tooMany, 0, tooMany.length));
        byte[] notRemb = REMB.clone();
        notRemb[15] = 'X';
        assertFalse(RtcpFeedback.isRemb(notRemb, 0, notRemb.length));
        assertFalse(RtcpFeedback.isRemb(RtcpTest.PLI, 0, RtcpTest.PLI.length));
        byte[] none = new byte[20];
        assertEquals(20, RtcpWriter.writeRemb(none, 0, 1, 5000));
        assertTrue(RtcpFeedback.isRemb(none, 0, 20));
        assertEquals(0, RtcpFeedback.rembSsrcCount(none, 0));
    }

    /** RFC 3550 §6.4.1 SR without report blocks. */
    static final byte[] SR = bytes(
            0x80, 0xC8, 0x00, 0x06, // V=2 P=0 RC=0, PT=200 SR, length 6 -> 28 bytes
            0x11, 0x22, 0x33, 0x44, // SSRC of sender
            0xE1, 0x23, 0x45, 0x67, // NTP timestamp, most significant word
            0x80, 0x00, 0x00, 0x00, // NTP timestamp, least significant word
            0x00, 0x01, 0x5F, 0x90, // RTP timestamp 90000
            0x00, 0x00, 0x00, 0x64, // sender's packet count 100
            0x00, 0x01, 0x86, 0xA0);// sender's octet count 100000

    @Test
    void compoundSrAndSdesByteForByte() {
        byte[] out = new byte[64];
        int n = RtcpWriter.writeSenderReport(out, 0, 0x11223344L, 0xE123456780000000L, 90000, 100, 100000);
        assertEquals(28, n);
        n += RtcpWriter.writeSdesCname(out, n, 0x11223344L, "beam");
        byte[] sdes = Arrays.copyOfRange(RtcpTest.SR_SDES, 52, 68); // the existing SDES vector
        assertArrayEquals(TestBytes.concat(SR, sdes), Arrays.copyOf(out, n));

        List<Integer> types = new ArrayList<>();
        assertEquals(2, Rtcp.forEach(out, 0, n, (b, o, l) -> types.add(Rtcp.packetType(b, o))));
        assertEquals(List.of(Rtcp.SR, Rtcp.SDES), types);
        assertEquals(0, Rtcp.count(out, 0));
        assertEquals(0xE123456780000000L, RtcpReports.srNtpTimestamp(out, 0));
        assertEquals(90000, RtcpReports.srRtpTimestamp(out, 0));
        assertEquals(100, RtcpReports.srPacketCount(out, 0));
        assertEquals(100000, RtcpReports.srOctetCount(out, 0));
    }

    @Test
    void sdesIsNullTerminatedAndPaddedForEveryLength() {
        int[] expectedLength = {12, 12, 16, 16, 16, 16, 20, 20, 20, 20};
        for (int len = 0; len < expectedLength.length; len++) {
            String cname = "abcdefghij".substring(0, len);
            byte[] out = new byte[40];
            Arrays.fill(out, (byte) 0x55);
            int n = RtcpWriter.writeSdesCname(out, 2, 0xA1B2C3D4L, cname);
            assertEquals(expectedLength[len], n, "length for " + len);
            assertEquals(n, RtcpWriter.sdesCnameLength(len));
            assertTrue(Rtcp.isValid(out, 2, n));
            assertEquals(n, Rtcp.packetLength(out, 2));
            assertEquals(0x81, out[2] & 0xFF); // SC=1
            assertEquals(0xA1B2C3D4L, Rtcp.senderSsrc(out, 2));
            assertEquals(1, out[10]);          // CNAME
            assertEquals(len, out[11]);
            assertEquals(cname, new String(out, 12, len, StandardCharsets.US_ASCII));
            for (int i = 12 + len; i < 2 + n; i++) {
                assertEquals(0, out[i], "END/padding at " + i); // at least one: the END item
            }
            assertEquals(0x55, out[2 + n]); // nothing written past the packet
        }
        byte[] out = new byte[16];
        assertEquals(16, RtcpWriter.writeSdesCname(out, 0, 1, "é")); // UTF-8: 2 octets
        assertEquals(2, out[9]);
    }

    @Test
    void rttFollowsTheExampleOfRfc3550() {
        // §6.4.1: A = 0xb710:8000 (46864.500 s), LSR = 0xb705:2000 (46853.125 s),
        // DLSR = 0x0005:4000 (5.250 s) -> 0x0006:2000 = 6.125 s
        assertEquals(6125, RtcpReports.rttMillis(0xB7052000L, 0x00054000L, 0xB7108000L));
        assertEquals(-1, RtcpReports.rttMillis(0, 0x00054000L, 0xB7108000L)); // no SR yet
        assertEquals(0, RtcpReports.rttMillis(0xB7052000L, 0x00054000L, 0xB7050000L)); // skewed clock
        // A wrapped past 2^32 after the SR: still 100 ms (6553.6 / 65536 s)
        assertEquals(99, RtcpReports.rttMillis(0xFFFF_F000L, 0x1000L, 0x0000_1999L));
    }

    @Test
    void receiverReportHeader() {
        byte[] out = new byte[8];
        assertEquals(8, RtcpWriter.writeReceiverReport(out, 0, 0x0A0B0C0DL, 1));
        assertArrayEquals(Arrays.copyOf(RtcpTest.RR, 8), out);
        assertEquals(8, RtcpWriter.writeReceiverReport(out, 0, 0x0A0B0C0DL, 0));
        assertArrayEquals(bytes(0x80, 0xC9, 0x00, 0x01, 0x0A, 0x0B, 0x0C, 0x0D), out);
    }
}
