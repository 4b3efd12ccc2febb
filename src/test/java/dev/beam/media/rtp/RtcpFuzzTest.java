package dev.beam.media.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.Mutator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RTCP parsing against compounds as browsers and the server send them (SR, RR with report
 * blocks, SDES, NACK, PLI, FIR, REMB, transport-cc), mutated, and random bytes. The contract:
 * {@link Rtcp#forEach} never throws and visits only packets whose type-specific fields fit, so
 * every accessor the server calls on a visited packet is safe.
 */
class RtcpFuzzTest {
    private static final int CASES = 60_000;
    private static final long MEDIA = 0x1111;

    @Test
    void noInputMakesAParserThrow() {
        Mutator mutator = new Mutator(0x5EED_0002L, seeds());
        int[] visited = new int[1];
        int[] symbols = new int[65_536];
        int[] deltas = new int[65_536];
        for (int i = 0; i < CASES; i++) {
            byte[] p = mutator.next();
            Rtcp.isValid(p, 0, p.length);
            Rtcp.forEach(p, 0, p.length, (buf, at, length) -> {
                visited[0]++;
                assertTrue(at >= 0 && length >= 4 && at + length <= buf.length, "a visited packet lies within the compound");
                readAll(buf, at, length, symbols, deltas);
            });
        }
        assertTrue(visited[0] > CASES / 4, "mutations keep many compounds parseable: " + visited[0]);
    }

    /** What the server reads of one packet of each type (ViewerFeedback, BroadcasterSession, the test peers). */
    private static void readAll(byte[] buf, int at, int length, int[] symbols, int[] deltas) {
        // An empty SDES or BYE is 4 bytes (RFC 3550 §6.5, §6.6): the sender SSRC is read only where a type has it.
        int type = Rtcp.packetType(buf, at);
        if (type == Rtcp.SR) {
            Rtcp.senderSsrc(buf, at);
            RtcpReports.srNtpTimestamp(buf, at);
            RtcpReports.srRtpTimestamp(buf, at);
            RtcpReports.srPacketCount(buf, at);
            RtcpReports.srOctetCount(buf, at);
        }
        if (type == Rtcp.SR || type == Rtcp.RR) {
            for (int i = 0; i < Rtcp.count(buf, at); i++) {
                int block = RtcpReports.reportBlockOffset(buf, at, i);
                assertTrue(block + Rtcp.REPORT_BLOCK <= at + length, "report block within its packet");
                RtcpReports.rbSsrc(buf, block);
                RtcpReports.rbFractionLost(buf, block);
                RtcpReports.rbCumulativeLost(buf, block);
                RtcpReports.rbExtendedHighestSeq(buf, block);
                RtcpReports.rbJitter(buf, block);
                RtcpReports.rttMillis(RtcpReports.rbLastSr(buf, block), RtcpReports.rbDelaySinceLastSr(buf, block), 0x1234_5678L);
            }
        }
        if (type == Rtcp.RTPFB || type == Rtcp.PSFB) {
            Rtcp.senderSsrc(buf, at);
            Rtcp.mediaSsrc(buf, at);
        }
        if (RtcpFeedback.isNack(buf, at)) {
            Nacks.forEachNackedSeq(buf, at, length, seq -> { });
        }
        if (RtcpFeedback.isFir(buf, at)) {
            for (int i = 0; i < RtcpFeedback.firEntryCount(buf, at, length); i++) {
                RtcpFeedback.firEntrySsrc(buf, at, i);
                RtcpFeedback.firEntrySeq(buf, at, i);
            }
        }
        if (RtcpFeedback.isRemb(buf, at, length)) {
            RtcpFeedback.rembBitrate(buf, at);
            for (int i = 0; i < RtcpFeedback.rembSsrcCount(buf, at); i++) {
                RtcpFeedback.rembSsrc(buf, at, i);
            }
        }
        if (TransportCcFeedback.isTransportCc(buf, at, length)) {
            TransportCcFeedback.baseSequence(buf, at);
            TransportCcFeedback.referenceTime(buf, at);
            TransportCcFeedback.feedbackCount(buf, at);
            TransportCcFeedback.decode(buf, at, length, symbols, deltas);
        }
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        byte[] b = new byte[1500];
        int n = RtcpWriter.writeSenderReport(b, 0, MEDIA, 0xE000_0000_0000_0000L, 90_000, 100, 120_000);
        n += RtcpWriter.writeSdesCname(b, n, MEDIA, "cname-abcdef");
        seeds.add(Arrays.copyOf(b, n));

        ReceiveStatistics statistics = new ReceiveStatistics();
        for (int seq = 0; seq < 50; seq += seq % 5 == 0 ? 2 : 1) {
            statistics.packetReceived(seq, seq * 3000L, seq * 33L);
        }
        n = RtcpWriter.writeReceiverReport(b, 0, 0x9999, 2);
        n += statistics.writeReportBlock(b, n, MEDIA, 2000);
        n += statistics.writeReportBlock(b, n, MEDIA + 1, 2000);
        n += RtcpWriter.writeRemb(b, n, 0x9999, 2_500_000, new long[] {MEDIA, MEDIA + 1});
        seeds.add(Arrays.copyOf(b, n));

        n = RtcpWriter.writeNack(b, 0, 0x9999, MEDIA, 100, 0b1010_0000_0000_0101);
        n += RtcpWriter.writePli(b, n, 0x9999, MEDIA);
        n += RtcpWriter.writeFir(b, n, 0x9999, MEDIA, 7);
        seeds.add(Arrays.copyOf(b, n));

        TransportCcRecorder recorder = new TransportCcRecorder();
        for (int seq = 0; seq < 40; seq++) {
            if (seq % 7 != 3) {
                recorder.record(seq, 1_000_000L + seq * (seq % 3 == 0 ? 70_000L : 900L));
            }
        }
        n = recorder.writeFeedback(b, 0, 0x9999, MEDIA);
        seeds.add(Arrays.copyOf(b, n));
        return seeds;
    }
}
