package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.NtpTime;
import dev.beam.media.rtp.RtcpWriter;
import dev.beam.media.rtp.TestBytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A viewer's RTCP, routed by SSRC to the stream it concerns. */
class ViewerFeedbackTest {
    private static final long VIDEO = 0x1111;
    private static final long AUDIO = 0x2222;
    private final MediaStats stats = new MediaStats();
    private final SendStream video = new SendStream(new ViewerTrack(MediaStats.Kind.VIDEO, "1", 96, 90_000, VIDEO,
            0, null, 97, 0x3333), stats);
    private final SendStream audio = new SendStream(new ViewerTrack(MediaStats.Kind.AUDIO, "0", 111, 48_000, AUDIO,
            0, null, 0, 0), stats);
    private final List<String> resent = new ArrayList<>();
    private boolean held = true;
    private final ViewerFeedback feedback = new ViewerFeedback(new SendStream[] {audio, video}, (stream, seq) -> {
        resent.add((stream == video ? "video " : "audio ") + seq);
        return held;
    }, stats);

    @Test
    void aNackForTheVideoSsrcResendsEachNumberItNamesOncePerRoundTrip() {
        byte[] nack = new byte[16];
        RtcpWriter.writeNack(nack, 0, 0x9999, VIDEO, 100, 0b101); // 100, 101 and 103 (RFC 4585 §6.2.1)
        feedback.handle(nack, 0, nack.length, 1_000_000);
        feedback.handle(nack, 0, nack.length, 1_000_050); // again 50 ms later: within the 100 ms default RTT
        assertEquals(List.of("video 100", "video 101", "video 103"), resent);
        feedback.handle(nack, 0, nack.length, 1_000_100);
        assertEquals(6, resent.size(), "one round trip later they go again");
        assertEquals(3, stats.nacksReceived.sum());
        assertEquals(6, stats.retransmissions.sum());
    }

    @Test
    void feedbackForAnSsrcThatIsNotTheViewersIsIgnored() {
        byte[] nack = new byte[16];
        RtcpWriter.writeNack(nack, 0, 0x9999, 0xDEAD, 100, 0);
        feedback.handle(nack, 0, nack.length, 1_000_000);
        byte[] pli = new byte[12];
        RtcpWriter.writePli(pli, 0, 0x9999, 0xDEAD);
        feedback.handle(pli, 0, pli.length, 1_000_000);
        assertEquals(List.of(), resent);
        assertEquals(0, stats.nacksReceived.sum());
    }

    @Test
    void whatIsNoLongerHeldCountsAsMissed() {
        held = false;
        byte[] nack = new byte[16];
        RtcpWriter.writeNack(nack, 0, 0x9999, VIDEO, 7, 0);
        feedback.handle(nack, 0, nack.length, 1_000_000);
        assertEquals(1, stats.retransmissionMisses.sum());
        assertEquals(0, stats.retransmissions.sum());
    }

    @Test
    void aReceiverReportBlockUpdatesItsStreamsReportWithTheRoundTrip() {
        long now = 1_700_000_000_000L;
        long lsr = NtpTime.middle32(NtpTime.fromMillis(now - 250)); // our SR went out 250 ms ago
        long dlsr = 65536 / 10; // the viewer held it 100 ms (1/65536 s units, RFC 3550 §6.4.1)
        byte[] rr = TestBytes.concat(
                TestBytes.bytes(0x81, 201, 0x00, 0x07, 0x00, 0x00, 0x99, 0x99),        // RR, one block
                TestBytes.bytes(0x00, 0x00, 0x11, 0x11),                               // about our video
                TestBytes.bytes(0x40, 0x00, 0x00, 0x05),                               // 25% lost, 5 in all
                TestBytes.bytes(0x00, 0x00, 0x01, 0x00),                               // highest seq
                TestBytes.bytes(0x00, 0x00, 0x00, 0x5A),                               // jitter 90 = 1 ms
                TestBytes.bytes((int) (lsr >>> 24) & 0xFF, (int) (lsr >>> 16) & 0xFF, (int) (lsr >>> 8) & 0xFF,
                        (int) lsr & 0xFF),                                             // LSR
                TestBytes.bytes(0x00, 0x00, (int) (dlsr >>> 8) & 0xFF, (int) dlsr & 0xFF)); // DLSR
        feedback.handle(rr, 0, rr.length, now);
        ViewerReport report = video.report();
        assertEquals(0.25, report.fractionLost());
        assertEquals(5, report.cumulativeLost());
        assertEquals(1.0, report.jitterMillis());
        assertEquals(150, report.rttMillis(), 2.0);
        assertEquals(ViewerReport.NONE, audio.report());
    }
}
