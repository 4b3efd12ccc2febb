package dev.beam.media.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.FakeClock;
import dev.beam.media.MediaStats;
import dev.beam.media.rtp.NtpTime;
import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtcpWriter;
import dev.beam.media.rtp.RtpPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Retransmissions, receiver and sender reports, and upstream feedback around one broadcast. */
class FeedbackTest {
    private static final int AUDIO_PT = 111;
    private static final int VIDEO_PT = 96;
    private static final long AUDIO_SSRC = 0xAAAA;
    private static final long VIDEO_SSRC = 0xBBBB;
    private static final long VIEWER_VIDEO = 0x2222;
    private static final long VIEWER_RTX = 0x3333;

    private final FakeClock clock = new FakeClock();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final MediaStats stats = new MediaStats();
    private final BroadcastTest.RecordingSender source = new BroadcastTest.RecordingSender();
    private final Broadcast broadcast = new Broadcast("room", List.of(
            new SourceTrack(MediaStats.Kind.AUDIO, AUDIO_PT), new SourceTrack(MediaStats.Kind.VIDEO, VIDEO_PT)),
            false, 0, 2_500_000, Runnable::run, clock, nanos::get, stats);

    FeedbackTest() {
        broadcast.attachSource(source);
    }

    private Subscriber viewer(BroadcastTest.RecordingSender sender, int rtxPt) {
        Subscriber subscriber = new Subscriber("v", sender, List.of(
                new ViewerTrack(MediaStats.Kind.AUDIO, AUDIO_PT, 0x1111, 0, "0"),
                new ViewerTrack(MediaStats.Kind.VIDEO, VIDEO_PT, VIEWER_VIDEO, 0, "1", rtxPt, VIEWER_RTX)));
        broadcast.add(subscriber);
        subscriber.resume();
        return subscriber;
    }

    private void video(int... seqs) {
        for (int seq : seqs) {
            byte[] packet = BroadcastTest.rtp(VIDEO_PT, seq, VIDEO_SSRC, "video-" + seq);
            broadcast.onSourceRtp(packet, 0, packet.length);
            nanos.addAndGet(1_000_000);
        }
    }

    private static byte[] nack(int pid, int blp) {
        byte[] rtcp = new byte[16];
        RtcpWriter.writeNack(rtcp, 0, 0x5EED, VIEWER_VIDEO, pid, blp);
        return rtcp;
    }

    private static List<byte[]> ofType(List<byte[]> compounds, int type) {
        List<byte[]> found = new ArrayList<>();
        for (byte[] compound : compounds) {
            Rtcp.forEach(compound, 0, compound.length, (buf, off, len) -> {
                if (Rtcp.packetType(buf, off) == type) {
                    found.add(java.util.Arrays.copyOfRange(buf, off, off + len));
                }
            });
        }
        return found;
    }

    @Test
    void aNackIsAnsweredAsRtxOncePerRoundTrip() {
        BroadcastTest.RecordingSender sender = new BroadcastTest.RecordingSender();
        Subscriber subscriber = viewer(sender, 97);
        video(1, 2, 3);
        sender.rtp.clear();

        byte[] nack = nack(2, 0b1);
        subscriber.onRtcp(nack, 0, nack.length);
        subscriber.onRtcp(nack, 0, nack.length);

        assertEquals(2, sender.rtp.size(), "seq 2 and 3, once each within the round trip");
        byte[] rtx = sender.rtp.get(0);
        assertEquals(97, RtpPacket.payloadType(rtx, 0));
        assertEquals(VIEWER_RTX, RtpPacket.ssrc(rtx, 0));
        int payload = RtpPacket.payloadOffset(rtx, 0, rtx.length);
        assertEquals(2, ((rtx[payload] & 0xFF) << 8) | (rtx[payload + 1] & 0xFF), "the original sequence number");
        assertEquals("video-2", new String(rtx, payload + 2, rtx.length - payload - 2));

        clock.elapse(Duration.ofMillis(100));
        subscriber.onRtcp(nack, 0, nack.length);
        assertEquals(4, sender.rtp.size(), "again after a round trip");
        assertEquals(4, stats.retransmissions.sum());
        assertEquals(0, source.rtcp.size(), "nothing needed from the broadcaster");
    }

    @Test
    void aPacketNoLongerHeldGetsAKeyframe() {
        Subscriber withRtx = viewer(new BroadcastTest.RecordingSender(), 97);
        video(5000, 5001);

        byte[] gone = nack(10, 0);
        withRtx.onRtcp(gone, 0, gone.length);

        assertTrue(Rtcp.isPli(source.rtcp.get(0), 0), "a keyframe for a packet out of history");
        assertEquals(1, stats.retransmissionMisses.sum());
    }

    @Test
    void aViewerWithoutRtxGetsTheVerySrtpPacketAgain() {
        BroadcastTest.RecordingSender plainSender = new BroadcastTest.RecordingSender();
        Subscriber withoutRtx = viewer(plainSender, 0);
        video(7, 8);

        byte[] nack = nack(8, 0);
        withoutRtx.onRtcp(nack, 0, nack.length);

        assertEquals(1, plainSender.resent.size());
        assertArrayEquals(plainSender.rtp.get(1), plainSender.resent.get(0), "as first sent, not encrypted again");
        assertEquals(0, source.rtcp.size(), "no keyframe needed");
    }

    @Test
    void senderReportsReachEachViewerOnItsSsrcWithTheAudioVideoRelationKept() {
        BroadcastTest.RecordingSender sender = new BroadcastTest.RecordingSender();
        viewer(sender, 0);
        byte[] audio = BroadcastTest.rtp(AUDIO_PT, 1, AUDIO_SSRC, "a");
        broadcast.onSourceRtp(audio, 0, audio.length);
        video(1, 2);

        long ntp = NtpTime.fromMillis(clock.millis() - 5000);
        byte[] reports = new byte[56];
        RtcpWriter.writeSenderReport(reports, 0, AUDIO_SSRC, ntp, 1234, 1, 1);
        RtcpWriter.writeSenderReport(reports, 28, VIDEO_SSRC, ntp + (1L << 31), 5678, 2, 2);
        broadcast.onSourceRtcp(reports, 0, reports.length);

        List<byte[]> srs = ofType(sender.rtcp, Rtcp.SR);
        assertEquals(2, srs.size());
        assertEquals(0x1111, Rtcp.senderSsrc(srs.get(0), 0));
        assertEquals(1234, Rtcp.srRtpTimestamp(srs.get(0), 0));
        assertEquals(1, Rtcp.srPacketCount(srs.get(0), 0), "the viewer's own count");
        assertEquals(VIEWER_VIDEO, Rtcp.senderSsrc(srs.get(1), 0));
        assertEquals(2, Rtcp.srPacketCount(srs.get(1), 0));
        assertEquals(1L << 31, Rtcp.srNtpTimestamp(srs.get(1), 0) - Rtcp.srNtpTimestamp(srs.get(0), 0));
        assertEquals(NtpTime.fromMillis(clock.millis()), Rtcp.srNtpTimestamp(srs.get(0), 0), "on the server's clock");
        assertEquals(2, ofType(sender.rtcp, Rtcp.SDES).size(), "with a CNAME for lip sync");
    }

    @Test
    void aViewersReceiverReportGivesItsLossJitterAndRoundTrip() {
        Subscriber subscriber = viewer(new BroadcastTest.RecordingSender(), 0);
        video(1);
        byte[] sr = new byte[28];
        RtcpWriter.writeSenderReport(sr, 0, VIDEO_SSRC, NtpTime.fromMillis(clock.millis()), 0, 0, 0);
        broadcast.onSourceRtcp(sr, 0, sr.length);
        long lsr = NtpTime.middle32(NtpTime.fromMillis(clock.millis()));
        clock.elapse(Duration.ofMillis(60));

        byte[] rr = new byte[32];
        rr[0] = (byte) 0x81;
        rr[1] = (byte) Rtcp.RR;
        rr[3] = 7;
        int block = 8;
        rr[block] = 0x00;
        rr[block + 1] = 0x00;
        rr[block + 2] = 0x22;
        rr[block + 3] = 0x22;
        rr[block + 4] = 64;
        rr[block + 7] = 9;
        rr[block + 15] = 90;
        putInt(rr, block + 16, lsr);
        putInt(rr, block + 20, 65536 / 50);
        subscriber.onRtcp(rr, 0, rr.length);

        ViewerReport report = subscriber.report();
        assertEquals(0.25, report.fractionLost());
        assertEquals(9, report.cumulativeLost());
        assertEquals(1.0, report.jitterMillis(), 1e-9);
        assertEquals(40, report.rttMillis(), 1, "60 ms since the SR less the viewer's 20 ms");
    }

    @Test
    void theBroadcasterGetsReportsAndOneNackPerMissingPacketHoweverManyViewersMissIt() {
        viewer(new BroadcastTest.RecordingSender(), 97);
        viewer(new BroadcastTest.RecordingSender(), 97);
        video(1, 2, 4);

        broadcast.tick();

        List<byte[]> rrs = ofType(source.rtcp, Rtcp.RR);
        List<byte[]> nacks = ofType(source.rtcp, Rtcp.RTPFB);
        assertEquals(1, rrs.size());
        assertEquals(VIDEO_SSRC, Rtcp.rbSsrc(rrs.get(0), Rtcp.reportBlockOffset(rrs.get(0), 0, 0)));
        assertTrue(ofType(source.rtcp, Rtcp.PSFB).stream().anyMatch(p -> Rtcp.isRemb(p, 0, p.length)
                && Rtcp.rembBitrate(p, 0) <= 2_500_000 && Rtcp.rembBitrate(p, 0) > 2_400_000), "REMB with the ceiling");
        assertEquals(1, nacks.size());
        assertEquals(3, Rtcp.nackPid(nacks.get(0), 0, 0));

        source.rtcp.clear();
        broadcast.tick();
        assertEquals(0, ofType(source.rtcp, Rtcp.RTPFB).size(), "no retry within the round trip");
    }

    private static void putInt(byte[] buf, int at, long value) {
        buf[at] = (byte) (value >> 24);
        buf[at + 1] = (byte) (value >> 16);
        buf[at + 2] = (byte) (value >> 8);
        buf[at + 3] = (byte) value;
    }
}
