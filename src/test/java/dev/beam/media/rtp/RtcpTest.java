package dev.beam.media.rtp;

import static dev.beam.media.rtp.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtcpTest {

    /** RFC 3550 §6.4.1 SR with one report block, then a §6.5 SDES with a CNAME. */
    static final byte[] SR_SDES = bytes(
            0x81, 0xC8, 0x00, 0x0C, // V=2 P=0 RC=1, PT=200 SR, length 12 -> 52 bytes
            0x11, 0x22, 0x33, 0x44, // SSRC of sender
            0xE1, 0x23, 0x45, 0x67, // NTP timestamp, most significant word
            0x80, 0x00, 0x00, 0x00, // NTP timestamp, least significant word (0.5 s)
            0x00, 0x01, 0x5F, 0x90, // RTP timestamp 90000
            0x00, 0x00, 0x00, 0x64, // sender's packet count 100
            0x00, 0x01, 0x86, 0xA0, // sender's octet count 100000
            0x55, 0x66, 0x77, 0x88, // report block: SSRC_1                      @28
            0x40, 0xFF, 0xFF, 0xFE, // fraction lost 64/256, cumulative lost -2
            0x00, 0x01, 0x00, 0x05, // extended highest sequence number (cycle 1, seq 5)
            0x00, 0x00, 0x00, 0x20, // interarrival jitter 32
            0x23, 0x45, 0x67, 0x80, // LSR
            0x00, 0x01, 0x00, 0x00, // DLSR one second
            0x81, 0xCA, 0x00, 0x03, // V=2 P=0 SC=1, PT=202 SDES, length 3 -> 16  @52
            0x11, 0x22, 0x33, 0x44, // chunk SSRC
            0x01, 0x04, 'b', 'e',   // CNAME, 4 octets
            'a', 'm', 0x00, 0x00);  // end of list, pad the chunk to 32 bits

    /** RFC 3550 §6.4.2 RR with one report block. */
    static final byte[] RR = bytes(
            0x81, 0xC9, 0x00, 0x07, // V=2 P=0 RC=1, PT=201 RR, length 7 -> 32 bytes
            0x0A, 0x0B, 0x0C, 0x0D, // SSRC of packet sender
            0x55, 0x66, 0x77, 0x88, // SSRC_1
            0xFF, 0x00, 0x01, 0x00, // fraction lost 255, cumulative lost 256
            0x00, 0x00, 0xFF, 0xFF, // extended highest sequence number 65535
            0x00, 0x00, 0x01, 0x00, // jitter 256
            0x00, 0x00, 0x00, 0x00, // LSR: no SR received yet
            0x00, 0x00, 0x00, 0x00);// DLSR

    /** RFC 4585 §6.3.1 PLI: common feedback header, no FCI. */
    static final byte[] PLI = bytes(
            0x81, 0xCE, 0x00, 0x02, // V=2 P=0 FMT=1, PT=206 PSFB, length 2 -> 12 bytes
            0x00, 0x00, 0x00, 0x01, // SSRC of packet sender
            0xCA, 0xFE, 0xBA, 0xBE);// SSRC of media source

    /** RFC 5104 §4.3.1 FIR with one FCI entry. */
    static final byte[] FIR = bytes(
            0x84, 0xCE, 0x00, 0x04, // V=2 P=0 FMT=4, PT=206 PSFB, length 4 -> 20 bytes
            0x00, 0x00, 0x00, 0x01, // SSRC of packet sender
            0x00, 0x00, 0x00, 0x00, // SSRC of media source: unused, 0 (§4.3.1.2)
            0xCA, 0xFE, 0xBA, 0xBE, // FCI: SSRC of the stream to refresh
            0x2A, 0x00, 0x00, 0x00);// FCI: seq nr 42, reserved

    /** RFC 4585 §6.2.1 generic NACK: PID 256, BLP 0b101 -> 256, 257, 259 lost. */
    static final byte[] NACK = bytes(
            0x81, 0xCD, 0x00, 0x03, // V=2 P=0 FMT=1, PT=205 RTPFB, length 3 -> 16 bytes
            0x00, 0x00, 0x00, 0x01, // SSRC of packet sender
            0xCA, 0xFE, 0xBA, 0xBE, // SSRC of media source
            0x01, 0x00, 0x00, 0x05);// PID, BLP

    @Test
    void walksACompoundSrPlusSdes() {
        List<int[]> seen = new ArrayList<>();
        assertEquals(2, Rtcp.forEach(SR_SDES, 0, SR_SDES.length,
                (b, o, l) -> seen.add(new int[] {o, l, Rtcp.packetType(b, o)})));
        assertArrayEquals(new int[] {0, 52, Rtcp.SR}, seen.get(0));
        assertArrayEquals(new int[] {52, 16, Rtcp.SDES}, seen.get(1));

        byte[] p = SR_SDES;
        assertEquals(2, Rtcp.version(p, 0));
        assertEquals(1, Rtcp.count(p, 0));
        assertEquals(0x11223344L, Rtcp.senderSsrc(p, 0));
        assertEquals(0xE123456780000000L, RtcpReports.srNtpTimestamp(p, 0));
        assertEquals(90000, RtcpReports.srRtpTimestamp(p, 0));
        assertEquals(100, RtcpReports.srPacketCount(p, 0));
        assertEquals(100000, RtcpReports.srOctetCount(p, 0));
        int rb = RtcpReports.reportBlockOffset(p, 0, 0);
        assertEquals(28, rb);
        assertEquals(0x55667788L, RtcpReports.rbSsrc(p, rb));
        assertEquals(64, RtcpReports.rbFractionLost(p, rb));
        assertEquals(-2, RtcpReports.rbCumulativeLost(p, rb));
        assertEquals(0x10005L, RtcpReports.rbExtendedHighestSeq(p, rb));
        assertEquals(32, RtcpReports.rbJitter(p, rb));
        assertEquals(0x23456780L, RtcpReports.rbLastSr(p, rb));
        assertEquals(65536, RtcpReports.rbDelaySinceLastSr(p, rb));
        assertEquals(0x11223344L, Rtcp.senderSsrc(p, 52)); // SDES chunk SSRC
    }

    @Test
    void parsesAReceiverReport() {
        assertEquals(1, Rtcp.forEach(RR, 0, RR.length, (b, o, l) -> { }));
        assertEquals(Rtcp.RR, Rtcp.packetType(RR, 0));
        assertEquals(0x0A0B0C0DL, Rtcp.senderSsrc(RR, 0));
        int rb = RtcpReports.reportBlockOffset(RR, 0, 0);
        assertEquals(8, rb);
        assertEquals(0x55667788L, RtcpReports.rbSsrc(RR, rb));
        assertEquals(255, RtcpReports.rbFractionLost(RR, rb));
        assertEquals(256, RtcpReports.rbCumulativeLost(RR, rb));
        assertEquals(65535, RtcpReports.rbExtendedHighestSeq(RR, rb));
        assertEquals(256, RtcpReports.rbJitter(RR, rb));
        assertEquals(0, RtcpReports.rbLastSr(RR, rb));
        assertEquals(0, RtcpReports.rbDelaySinceLastSr(RR, rb));
    }

    @Test
    void pliParsesAndBuildsByteForByte() {
        assertTrue(Rtcp.isValid(PLI, 0, PLI.length));
        assertTrue(RtcpFeedback.isPli(PLI, 0));
        assertFalse(RtcpFeedback.isFir(PLI, 0));
        assertFalse(RtcpFeedback.isNack(PLI, 0));
        assertEquals(1, Rtcp.senderSsrc(PLI, 0));
        assertEquals(0xCAFEBABEL, Rtcp.mediaSsrc(PLI, 0));
        byte[] out = new byte[16];
        assertEquals(12, RtcpWriter.writePli(out, 4, 1, 0xCAFEBABEL));
        assertArrayEquals(PLI, Arrays.copyOfRange(out, 4, 16));
    }

    @Test
    void firParsesAndBuildsByteForByte() {
        assertTrue(Rtcp.isValid(FIR, 0, FIR.length));
        assertTrue(RtcpFeedback.isFir(FIR, 0));
        assertFalse(RtcpFeedback.isPli(FIR, 0));
        assertEquals(1, Rtcp.senderSsrc(FIR, 0));
        assertEquals(0, Rtcp.mediaSsrc(FIR, 0));
        assertEquals(1, RtcpFeedback.firEntryCount(FIR, 0, FIR.length));
        assertEquals(0xCAFEBABEL, RtcpFeedback.firEntrySsrc(FIR, 0, 0));
        assertEquals(42, RtcpFeedback.firEntrySeq(FIR, 0, 0));
        byte[] out = new byte[20];
        Arrays.fill(out, (byte) 0x55); // reserved bits must be written as zero
        assertEquals(20, RtcpWriter.writeFir(out, 0, 1, 0xCAFEBABEL, 42));
        assertArrayEquals(FIR, out);
    }

    @Test
    void nackParsesAndBuildsByteForByte() {
        assertTrue(RtcpFeedback.isNack(NACK, 0));
        assertEquals(1, RtcpFeedback.nackEntryCount(NACK, 0, NACK.length));
        assertEquals(256, RtcpFeedback.nackPid(NACK, 0, 0));
        assertEquals(5, RtcpFeedback.nackBlp(NACK, 0, 0));
        byte[] out = new byte[16];
        assertEquals(16, RtcpWriter.writeNack(out, 0, 1, 0xCAFEBABEL, 256, 5));
        assertArrayEquals(NACK, out);
    }

    @Test
    void feedbackInsideACompoundIsFound() {
        byte[] compound = TestBytes.concat(RR, PLI, FIR);
        List<String> kinds = new ArrayList<>();
        assertEquals(3, Rtcp.forEach(compound, 0, compound.length, (b, o, l) ->
                kinds.add(RtcpFeedback.isPli(b, o) ? "PLI" : RtcpFeedback.isFir(b, o) ? "FIR:" + RtcpFeedback.firEntrySeq(b, o, 0)
                        : "PT" + Rtcp.packetType(b, o))));
        assertEquals(List.of("PT201", "PLI", "FIR:42"), kinds);
    }

    @Test
    void malformedCompoundsAreDroppedWhole() {
        assertRejected(Arrays.copyOf(SR_SDES, SR_SDES.length - 4)); // SDES length past the end
        assertRejected(Arrays.copyOf(SR_SDES, SR_SDES.length + 2)); // trailing half header
        byte[] v1 = SR_SDES.clone();
        v1[52] = 0x41;                                              // SDES with version 1
        assertRejected(v1);
        byte[] shortSr = SR_SDES.clone();
        shortSr[0] = (byte) 0x82;                                   // RC=2, room for one block
        assertRejected(shortSr);
        byte[] shortFb = PLI.clone();
        shortFb[3] = 0x01;                                          // PSFB of 8 bytes
        assertRejected(Arrays.copyOf(shortFb, 8));
        byte[] pad0 = PLI.clone();
        pad0[0] = (byte) 0xA1;                                      // P set, last octet 0xBE
        assertRejected(pad0);
        assertRejected(new byte[0]);
        assertEquals(-1, Rtcp.forEach(PLI, 0, PLI.length + 1, (b, o, l) -> { })); // past the array
        assertEquals(-1, Rtcp.forEach(null, 0, 12, (b, o, l) -> { }));
    }

    @Test
    void paddedFeedbackCountsEntriesWithoutThePadding() {
        byte[] padded = TestBytes.concat(NACK, bytes(0x00, 0x00, 0x00, 0x04));
        padded[0] = (byte) 0xA1; // P=1
        padded[3] = 0x04;        // 20 bytes
        assertTrue(Rtcp.isValid(padded, 0, padded.length));
        assertEquals(1, RtcpFeedback.nackEntryCount(padded, 0, padded.length));
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(7);
        byte[] buf = new byte[96];
        for (int i = 0; i < 20_000; i++) {
            r.nextBytes(buf);
            for (int j = 0; j < buf.length; j += 4) { // mostly sane headers, to get deep
                buf[j] = (byte) (0x80 | buf[j] & 0x3F);
                buf[j + 1] = (byte) (200 + r.nextInt(7));
                buf[j + 2] = 0;
                buf[j + 3] = (byte) r.nextInt(12);
            }
            int len = r.nextInt(97);
            Rtcp.forEach(buf, 0, len, (b, o, l) -> {
                if (RtcpFeedback.isFir(b, o)) {
                    for (int k = 0; k < RtcpFeedback.firEntryCount(b, o, l); k++) {
                        RtcpFeedback.firEntrySeq(b, o, k);
                    }
                }
                if (RtcpFeedback.isNack(b, o)) {
                    for (int k = 0; k < RtcpFeedback.nackEntryCount(b, o, l); k++) {
                        RtcpFeedback.nackBlp(b, o, k);
                    }
                }
                int t = Rtcp.packetType(b, o);
                if (t == Rtcp.SR || t == Rtcp.RR) {
                    for (int k = 0; k < Rtcp.count(b, o); k++) {
                        RtcpReports.rbDelaySinceLastSr(b, RtcpReports.reportBlockOffset(b, o, k));
                    }
                }
            });
        }
    }

    private static void assertRejected(byte[] p) {
        assertFalse(Rtcp.isValid(p, 0, p.length));
        List<Integer> seen = new ArrayList<>();
        assertEquals(-1, Rtcp.forEach(p, 0, p.length, (b, o, l) -> seen.add(o)));
        assertEquals(List.of(), seen);
    }
}
