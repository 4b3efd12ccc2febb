package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.RtpHeaderWriter;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.TransportCcRecorder;
import org.junit.jupiter.api.Test;

/** Transport-wide numbering of what a viewer is sent, and its estimate from the viewer's feedback. */
class ViewerBandwidthTest {
    private static final long MS = 1_000_000;
    private static final int EXTENSION = 3;
    private final ViewerTrack track = new ViewerTrack(MediaStats.Kind.VIDEO, "1", 96, 90_000, 0xCAFE, 4, "1", 0, 0,
            EXTENSION);
    private final ViewerBandwidth bandwidth = new ViewerBandwidth(EXTENSION, new java.util.concurrent.atomic.LongAdder());

    private byte[] packet(int seq) {
        byte[] source = new byte[RtpPacket.FIXED_HEADER + 1000];
        RtpPacket.writeFixedHeader(source, 0, false, 96, seq, seq * 3000L, 0x1234);
        byte[] out = new byte[source.length + 64];
        int length = RtpHeaderWriter.rewrite(source, 0, source.length, out, 0, 96, 0xCAFE, track.extensions());
        return java.util.Arrays.copyOf(out, length);
    }

    @Test
    void everyPacketGetsTheNextNumberInItsReservedElement() {
        for (int i = 0; i < 3; i++) {
            byte[] p = packet(100 + i);
            bandwidth.stamp(p, p.length, i * MS);
            assertEquals(i, RtpPacket.transportSequenceNumber(p, 0, p.length, EXTENSION));
        }
        byte[] without = new byte[RtpPacket.FIXED_HEADER + 10];
        RtpPacket.writeFixedHeader(without, 0, false, 96, 1, 1, 1);
        bandwidth.stamp(without, without.length, 0);
    }

    @Test
    void feedbackOfAFastLinkRaisesTheEstimateAndOtherRtcpIsNotTakenForIt() {
        TransportCcRecorder viewer = new TransportCcRecorder();
        byte[] feedback = new byte[1500];
        long start = bandwidth.estimateBps();
        long sent = 0;
        for (int round = 0; round < 100; round++) { // 10 s: 1 Mbit/s out, every packet arriving 5 ms later
            for (int i = 0; i < 12; i++) {
                long now = (round * 100 + i * 8) * MS;
                byte[] p = packet((int) (sent++ & 0xFFFF));
                bandwidth.stamp(p, p.length, now);
                viewer.recordPacket(p, 0, p.length, EXTENSION, now / 1000 + 5000);
            }
            int length = viewer.writeFeedback(feedback, 0, 1, 2);
            if (length > 0) {
                assertTrue(bandwidth.feedback(feedback, 0, length, (round + 1) * 100 * MS));
            }
        }
        assertTrue(bandwidth.estimateBps() > start, "grew: " + bandwidth.estimateBps());
        byte[] pli = {(byte) 0x81, (byte) 206, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2};
        assertFalse(bandwidth.feedback(pli, 0, pli.length, 0));
    }

    @Test
    void aProbeIsJudgedOnlyOnceItRanLongEnoughToEmptyAPolicersBucket() {
        java.util.concurrent.atomic.LongAdder succeeded = new java.util.concurrent.atomic.LongAdder();
        ViewerBandwidth probed = new ViewerBandwidth(EXTENSION, succeeded);
        TransportCcRecorder viewer = new TransportCcRecorder();
        byte[] feedback = new byte[1500];
        probed.probing(800_000, 0);
        long sent = 0;
        for (int round = 0; round < 20; round++) { // 2 s: about 1 Mbit/s delivered, all of it, 5 ms later
            for (int i = 0; i < 12; i++) {
                long now = (round * 100 + i * 8) * MS;
                byte[] p = packet((int) (sent++ & 0xFFFF));
                probed.stamp(p, p.length, now);
                viewer.recordPacket(p, 0, p.length, EXTENSION, now / 1000 + 5000);
            }
            long now = (round + 1) * 100 * MS;
            int length = viewer.writeFeedback(feedback, 0, 1, 2);
            assertTrue(probed.feedback(feedback, 0, length, now));
            if (now < ViewerBandwidth.PROBE_CONFIRM_MILLIS * MS) {
                assertEquals(0, succeeded.sum(), "not judged at " + now / MS + " ms");
            }
        }
        assertEquals(1, succeeded.sum(), "judged a success once it ran long enough");
    }

    /** 1 Mbit/s sent for 3 s, every {@code dropEvery}-th packet lost on the way; the estimate then. */
    private long estimateAfterLoss(int dropEvery, int packetsPer100Ms) {
        ViewerBandwidth lossy = new ViewerBandwidth(EXTENSION, new java.util.concurrent.atomic.LongAdder());
        TransportCcRecorder viewer = new TransportCcRecorder();
        byte[] feedback = new byte[1500];
        long sent = 0;
        for (int round = 0; round < 30; round++) {
            for (int i = 0; i < packetsPer100Ms; i++) {
                long now = (round * 100 + i * 100 / packetsPer100Ms) * MS;
                byte[] p = packet((int) (sent & 0xFFFF));
                lossy.stamp(p, p.length, now);
                if (sent++ % dropEvery != 0) {
                    viewer.recordPacket(p, 0, p.length, EXTENSION, now / 1000 + 5000);
                }
            }
            int length = viewer.writeFeedback(feedback, 0, 1, 2);
            if (length > 0) {
                lossy.feedback(feedback, 0, length, (round + 1) * 100 * MS);
            }
        }
        return lossy.estimateBps();
    }

    @Test
    void lossOnALinkThatIsNotFullMakesNoCeilingButLossOfWhatDoesNotFitDoes() {
        long random = estimateAfterLoss(25, 12); // 4 % lost of about 1 Mbit/s: noise, not a full link
        assertTrue(random > 1_500_000, "no ceiling at what was received: " + random);
        long policed = estimateAfterLoss(3, 12); // a third lost: the viewer gets two thirds of what it is sent
        assertTrue(policed < 900_000, "what got through is the ceiling: " + policed);
    }

    @Test
    void aProbeRaisesTheCeilingOnlyToWhatItGotThrough() {
        java.util.concurrent.atomic.LongAdder succeeded = new java.util.concurrent.atomic.LongAdder();
        ViewerBandwidth probed = new ViewerBandwidth(EXTENSION, succeeded);
        TransportCcRecorder viewer = new TransportCcRecorder();
        long sent = sendForOneHundredMsRounds(probed, viewer, 0, 20, 3); // a third lost: a ceiling
        assertTrue(probed.estimateBps() < 900_000, "policed: " + probed.estimateBps());
        probed.probing(1_080_000, 2000 * MS); // about 980 kbit/s gets through: over 90 % of it
        sendForOneHundredMsRounds(probed, viewer, sent, 70, 0);
        assertEquals(1, succeeded.sum(), "the probe succeeded");
        assertTrue(probed.estimateBps() > 900_000 && probed.estimateBps() < 1_040_000,
                "up to what got through, not the target: " + probed.estimateBps());
    }

    /**
     * About 1 Mbit/s (12 packets every 100 ms) from round {@code from} to round {@code to}, each
     * {@code dropEvery}-th packet lost (0: none), feedback after each round; the packets sent.
     */
    private long sendForOneHundredMsRounds(ViewerBandwidth bandwidth, TransportCcRecorder viewer, long sent,
            int to, int dropEvery) {
        byte[] feedback = new byte[1500];
        for (int round = (int) (sent / 12); round < to; round++) {
            for (int i = 0; i < 12; i++) {
                long now = (round * 100 + i * 8) * MS;
                byte[] p = packet((int) (sent & 0xFFFF));
                bandwidth.stamp(p, p.length, now);
                if (dropEvery == 0 || sent % dropEvery != 0) {
                    viewer.recordPacket(p, 0, p.length, EXTENSION, now / 1000 + 5000);
                }
                sent++;
            }
            int length = viewer.writeFeedback(feedback, 0, 1, 2);
            if (length > 0) {
                bandwidth.feedback(feedback, 0, length, (round + 1) * 100 * MS);
            }
        }
        return sent;
    }
}
