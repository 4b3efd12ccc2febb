package dev.beam.media.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.NtpTime;
import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtcpFeedback;
import dev.beam.media.rtp.RtcpReports;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.TransportCcFeedback;
import dev.beam.media.rtp.TransportCcRecorder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** What the server tells a broadcaster: reports per stream, REMB, NACKs once per round trip, transport-cc. */
class BroadcasterFeedbackTest {
    private static final long MS = 1_000_000;
    private static final SourceTrack AUDIO = new SourceTrack(MediaStats.Kind.AUDIO, "0", 111, "opus", 48_000, false,
            false);
    private static final SourceTrack VIDEO = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true,
            false);
    private static final long SERVER = 0x5E5E;

    private final PacketPool pool = new PacketPool(64);
    private final MediaStats stats = new MediaStats();
    private final List<Long> keyframeRequests = new ArrayList<>();
    private final ReceiveStreams streams = new ReceiveStreams(List.of(AUDIO, VIDEO),
            (ssrc, track) -> new KeyframeRequester(() -> 0, 0, 0, false, new LongAdder(), (fir, seq) -> {
                keyframeRequests.add(ssrc);
                return true;
            }));
    private final TransportCcRecorder transportCc = new TransportCcRecorder();
    private final BroadcasterFeedback feedback = new BroadcasterFeedback(SERVER, streams, transportCc, 2_500_000, stats);

    /** A packet through the receive stages that feedback depends on, with transport-wide sequence number {@code twcc}. */
    private void receive(int payloadType, long ssrc, int seq, long atMillis) {
        byte[] rtp = new byte[RtpPacket.FIXED_HEADER + 20];
        RtpPacket.writeFixedHeader(rtp, 0, false, payloadType, seq, seq * 3000L, ssrc);
        Packet packet = pool.take(rtp, 0, rtp.length, atMillis * MS);
        streams.attach(packet);
        packet.stream().firstCopy(packet);
        packet.stream().count(packet);
        packet.stream().detectLoss(packet);
        transportCc.record(seq, atMillis * 1000);
        packet.release();
    }

    private static List<byte[]> packets(byte[] compound, int length, int type) {
        List<byte[]> found = new ArrayList<>();
        Rtcp.forEach(compound, 0, length, (buf, off, len) -> {
            if (Rtcp.packetType(buf, off) == type) {
                found.add(Arrays.copyOfRange(buf, off, off + len));
            }
        });
        return found;
    }

    @Test
    void aReportBlockPerStreamThenRembWithTheCeilingAsTheCompoundBegins() {
        receive(111, 0xAAAA, 1, 1000);
        receive(96, 0xBBBB, 1, 1000);
        byte[] out = new byte[1500];
        int length = feedback.write(out, 2000, -1);

        List<byte[]> rrs = packets(out, length, Rtcp.RR);
        assertEquals(1, rrs.size());
        assertEquals(Rtcp.RR, Rtcp.packetType(out, 0), "RFC 3550 §6.1: the compound starts with the report");
        assertEquals(2, Rtcp.count(rrs.get(0), 0));
        assertEquals(0xAAAA, RtcpReports.rbSsrc(rrs.get(0), RtcpReports.reportBlockOffset(rrs.get(0), 0, 0)));
        assertEquals(0xBBBB, RtcpReports.rbSsrc(rrs.get(0), RtcpReports.reportBlockOffset(rrs.get(0), 0, 1)));
        byte[] remb = packets(out, length, Rtcp.PSFB).get(0);
        assertTrue(RtcpFeedback.isRemb(remb, 0, remb.length));
        assertTrue(RtcpFeedback.rembBitrate(remb, 0) <= 2_500_000 && RtcpFeedback.rembBitrate(remb, 0) > 2_400_000);
        assertEquals(2, RtcpFeedback.rembSsrcCount(remb, 0));

        assertEquals(0, packets(out, feedback.write(out, 2500, -1), Rtcp.RR).size(), "reports once a second");
    }

    @Test
    void aMissingVideoPacketIsNackedOnceForEveryoneThenAgainAfterTheMeasuredRoundTrip() {
        receive(96, 0xBBBB, 1, 1000);
        receive(96, 0xBBBB, 2, 1001);
        receive(96, 0xBBBB, 4, 1002);
        byte[] out = new byte[1500];

        List<byte[]> nacks = packets(out, feedback.write(out, 1003, 50), Rtcp.RTPFB).stream()
                .filter(p -> RtcpFeedback.isNack(p, 0)).toList();
        assertEquals(1, nacks.size());
        assertEquals(3, RtcpFeedback.nackPid(nacks.get(0), 0, 0));
        assertEquals(0xBBBB, Rtcp.mediaSsrc(nacks.get(0), 0));
        assertEquals(0, nackCount(out, feedback.write(out, 1040, 50)), "not within the 50 ms round trip");
        assertEquals(1, nackCount(out, feedback.write(out, 1053, 50)), "again once it has passed");
        assertEquals(2, stats.nacksSent.sum());
    }

    @Test
    void aPacketGivenUpAsksForAKeyframeOfItsStream() {
        receive(96, 0xBBBB, 1, 1000);
        receive(96, 0xBBBB, 3, 1001);
        byte[] out = new byte[1500];
        for (long t = 1002; t < 2200; t += 20) {
            feedback.write(out, t, 10);
        }
        assertEquals(List.of(0xBBBBL), keyframeRequests, "number 2 never came: the decoders miss it");
    }

    @Test
    void transportCcFeedbackGoesOutEveryHundredMilliseconds() {
        receive(96, 0xBBBB, 1, 1000);
        receive(96, 0xBBBB, 2, 1005);
        byte[] out = new byte[1500];
        int length = feedback.write(out, 1100, -1);
        List<byte[]> twcc = packets(out, length, Rtcp.RTPFB).stream()
                .filter(p -> TransportCcFeedback.isTransportCc(p, 0, p.length)).toList();
        assertEquals(1, twcc.size());
        assertEquals(1, TransportCcFeedback.baseSequence(twcc.get(0), 0));
        assertEquals(2, TransportCcFeedback.statusCount(twcc.get(0), 0));
    }

    @Test
    void aSenderReportsTimeComesBackAsTheLsrOfItsStreamsBlock() {
        receive(96, 0xBBBB, 1, 1000);
        long ntp = NtpTime.fromMillis(1_700_000_000_000L);
        feedback.senderReport(0xBBBB, ntp, 1500);
        byte[] out = new byte[1500];
        byte[] rr = packets(out, feedback.write(out, 2000, -1), Rtcp.RR).get(0);
        int block = RtcpReports.reportBlockOffset(rr, 0, 0);
        assertEquals(NtpTime.middle32(ntp), RtcpReports.rbLastSr(rr, block));
        assertEquals(65536 / 2, RtcpReports.rbDelaySinceLastSr(rr, block), 2, "held 500 ms, in 1/65536 s");
    }

    private static int nackCount(byte[] out, int length) {
        return (int) packets(out, length, Rtcp.RTPFB).stream().filter(p -> RtcpFeedback.isNack(p, 0)).count();
    }
}
