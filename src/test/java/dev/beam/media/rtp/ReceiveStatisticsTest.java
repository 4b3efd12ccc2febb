package dev.beam.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {
    private static final long SSRC = 0x55667788L;

    /** Feeds packets 3000 RTP units apart arriving with constant transit: no jitter. */
    private static void receive(ReceiveStatistics s, int... seqs) {
        for (int seq : seqs) {
            long ts = 3000L * seq;
            s.packetReceived(seq, ts & 0xFFFF_FFFFL, ts + 12345);
        }
    }

    /** Writes a block at {@code nowMillis} and returns it. */
    private static byte[] block(ReceiveStatistics s, long nowMillis) {
        byte[] b = new byte[Rtcp.REPORT_BLOCK];
        assertEquals(Rtcp.REPORT_BLOCK, s.writeReportBlock(b, 0, SSRC, nowMillis));
        assertEquals(SSRC, RtcpReports.rbSsrc(b, 0));
        return b;
    }

    @Test
    void lossGivesFractionAndCumulativeCount() {
        ReceiveStatistics s = new ReceiveStatistics();
        receive(s, 0, 1, 2, 5, 6, 7, 8, 9); // 3 and 4 lost
        byte[] b = block(s, 0);
        assertEquals(2 * 256 / 10, RtcpReports.rbFractionLost(b, 0)); // 51
        assertEquals(2, RtcpReports.rbCumulativeLost(b, 0));
        assertEquals(9, RtcpReports.rbExtendedHighestSeq(b, 0));
        assertEquals(0, RtcpReports.rbJitter(b, 0));
        assertEquals(0, RtcpReports.rbLastSr(b, 0));
        assertEquals(0, RtcpReports.rbDelaySinceLastSr(b, 0));

        receive(s, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19); // next interval: no loss
        b = block(s, 0);
        assertEquals(0, RtcpReports.rbFractionLost(b, 0));
        assertEquals(2, RtcpReports.rbCumulativeLost(b, 0));
        assertEquals(19, RtcpReports.rbExtendedHighestSeq(b, 0));

        receive(s, 20, 23); // 21, 22 lost: 2 of 4 expected in this interval
        assertEquals(128, RtcpReports.rbFractionLost(block(s, 0), 0));
        assertEquals(4, s.cumulativeLost());
    }

    @Test
    void reorderingIsNotLoss() {
        ReceiveStatistics s = new ReceiveStatistics();
        receive(s, 0, 1, 3, 2, 4);
        byte[] b = block(s, 0);
        assertEquals(0, RtcpReports.rbFractionLost(b, 0));
        assertEquals(0, RtcpReports.rbCumulativeLost(b, 0));
        assertEquals(4, RtcpReports.rbExtendedHighestSeq(b, 0));
    }

    @Test
    void sequenceWrapCountsACycle() {
        ReceiveStatistics s = new ReceiveStatistics();
        receive(s, 65530, 65531, 65532, 65534, 65535, 0, 1, 2, 3, 4); // 65533 lost
        receive(s, 65533); // ...and arrives late, after the wrap
        byte[] b = block(s, 0);
        assertEquals(0x1_0004L, RtcpReports.rbExtendedHighestSeq(b, 0)); // cycles 1, seq 4
        assertEquals(0, RtcpReports.rbCumulativeLost(b, 0));
        assertEquals(11, s.packetsReceived());

        ReceiveStatistics lossy = new ReceiveStatistics();
        receive(lossy, 65534, 1); // 65535 and 0 lost across the wrap
        b = block(lossy, 0);
        assertEquals(0x1_0001L, RtcpReports.rbExtendedHighestSeq(b, 0));
        assertEquals(2, RtcpReports.rbCumulativeLost(b, 0));
        assertEquals(2 * 256 / 4, RtcpReports.rbFractionLost(b, 0));
    }

    @Test
    void duplicatesMakeCumulativeLossNegative() {
        ReceiveStatistics s = new ReceiveStatistics();
        receive(s, 0, 1, 1, 2);
        byte[] b = block(s, 0);
        assertEquals(-1, RtcpReports.rbCumulativeLost(b, 0));
        assertEquals(0, RtcpReports.rbFractionLost(b, 0));
    }

    @Test
    void cumulativeLossIsClampedToTwentyFourBits() {
        ReceiveStatistics s = new ReceiveStatistics();
        int seq = 0;
        for (int i = 0; i < 3000; i++) { // 2998 lost per step, under MAX_DROPOUT
            receive(s, seq);
            seq = (seq + 2999) & 0xFFFF;
        }
        byte[] b = block(s, 0);
        assertEquals(0x7FFFFF, RtcpReports.rbCumulativeLost(b, 0));
        assertEquals(2999L * 2999, RtcpReports.rbExtendedHighestSeq(b, 0));
        assertEquals(255, RtcpReports.rbFractionLost(b, 0)); // 2998/2999 of 256, rounded down
    }

    @Test
    void twoSequentialPacketsAfterABigJumpRestartTheCount() {
        ReceiveStatistics s = new ReceiveStatistics();
        receive(s, 0, 1, 2, 3, 4);
        receive(s, 30000); // set aside: maybe a stray packet
        assertEquals(5, s.packetsReceived());
        receive(s, 5);
        assertEquals(6, s.packetsReceived());
        receive(s, 30000, 30001); // second in a row: the source restarted
        assertEquals(1, s.packetsReceived());
        receive(s, 30002);
        byte[] b = block(s, 0);
        assertEquals(30002, RtcpReports.rbExtendedHighestSeq(b, 0));
        assertEquals(0, RtcpReports.rbCumulativeLost(b, 0));
    }

    @Test
    void jitterFollowsAppendixA8() {
        // 90 kHz video, a frame every 3000 units; transit alternates by 0/160/40/... units.
        int[] extraDelay = {0, 160, 40, 0, 900, 10, 10, 300, 0, 0, 0, 75};
        ReceiveStatistics s = new ReceiveStatistics();
        ReceiveStatistics wrapped = new ReceiveStatistics(); // same, RTP timestamps wrap midway
        double j = 0;
        for (int i = 0; i < extraDelay.length; i++) {
            long ts = 3000L * i;
            long arrival = 1_000_000 + ts + extraDelay[i];
            s.packetReceived(i, ts, arrival);
            wrapped.packetReceived(i, (0xFFFF_4000L + ts) & 0xFFFF_FFFFL, arrival);
            if (i > 0) {
                double d = Math.abs(extraDelay[i] - extraDelay[i - 1]);
                j += (d - j) / 16; // the RFC's floating point form
            }
            if (i == 1) {
                assertEquals(10, s.jitter()); // 160 / 16
            }
            assertTrue(Math.abs(s.jitter() - j) <= 1, "jitter " + s.jitter() + " vs " + j);
            assertEquals(s.jitter(), wrapped.jitter());
        }
        assertEquals(s.jitter(), RtcpReports.rbJitter(block(s, 0), 0));
    }

    @Test
    void dlsrAndTheSendersRoundTrip() {
        Clock ours = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
        long srSent = ours.millis() - 40;                 // 40 ms on the way to us
        long srNtp = NtpTime.fromMillis(srSent);
        ReceiveStatistics s = new ReceiveStatistics();
        receive(s, 1, 2, 3);
        s.recordSenderReport(srNtp, ours.millis());
        long rrSent = Clock.offset(ours, Duration.ofMillis(1500)).millis();
        byte[] b = block(s, rrSent);
        assertEquals(NtpTime.middle32(srNtp), RtcpReports.rbLastSr(b, 0));
        assertEquals(65536 * 3 / 2, RtcpReports.rbDelaySinceLastSr(b, 0)); // 1.5 s in 1/65536 s
        // Back at the sender, 40 ms later: RTT = A - LSR - DLSR (RFC 3550 §6.4.1)
        long a = NtpTime.middle32(NtpTime.fromMillis(rrSent + 40));
        long rtt = RtcpReports.rttMillis(RtcpReports.rbLastSr(b, 0), RtcpReports.rbDelaySinceLastSr(b, 0), a);
        assertTrue(rtt >= 79 && rtt <= 80, "rtt " + rtt); // 1/65536 s truncations
    }

    @Test
    void receiverReportWithTwoBlocksParses() {
        ReceiveStatistics audio = new ReceiveStatistics();
        ReceiveStatistics video = new ReceiveStatistics();
        receive(audio, 7, 8, 9);
        receive(video, 100, 102);
        byte[] out = new byte[64];
        int n = RtcpWriter.writeReceiverReport(out, 0, 0x0A0B0C0DL, 2);
        n += audio.writeReportBlock(out, n, 0x1111L, 0);
        n += video.writeReportBlock(out, n, 0x2222L, 0);
        assertEquals(8 + 2 * 24, n);
        assertEquals(1, Rtcp.forEach(out, 0, n, (buf, o, l) -> { }));
        assertEquals(Rtcp.RR, Rtcp.packetType(out, 0));
        assertEquals(2, Rtcp.count(out, 0));
        int first = RtcpReports.reportBlockOffset(out, 0, 0);
        int second = RtcpReports.reportBlockOffset(out, 0, 1);
        assertEquals(0x1111L, RtcpReports.rbSsrc(out, first));
        assertEquals(9, RtcpReports.rbExtendedHighestSeq(out, first));
        assertEquals(0x2222L, RtcpReports.rbSsrc(out, second));
        assertEquals(1, RtcpReports.rbCumulativeLost(out, second));
        assertEquals(256 / 3, RtcpReports.rbFractionLost(out, second)); // 101 of 100..102
    }
}
