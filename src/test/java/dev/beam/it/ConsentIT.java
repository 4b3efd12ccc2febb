package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.rtp.RtpPacket;
import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.RtpPackets;
import dev.beam.testpeer.TestPeer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Consent freshness (RFC 7675) as the server does it: its own checks keep a peer that answers
 * them alive whatever else it sends, and a peer that stops answering is closed. Run with the
 * short interval and timeout bin/test gives the server (1 s and 6 s).
 */
class ConsentIT {
    private static final long AUDIO_SSRC = 0x0A0A0A0AL;
    private static final long VIDEO_SSRC = 0x0B0B0B0BL;

    @RegisterExtension
    final OpenResources open = new OpenResources();
    private final PeerBroadcast broadcast = PeerBroadcast.inNewRoom("consent", open);

    @Test
    void aReceiveOnlyViewerThatSendsNoRtcpStaysAsLongAsItAnswers() throws Exception {
        TestPeer broadcaster = broadcast.start(AUDIO_SSRC, VIDEO_SSRC);
        TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
        String peerId = broadcast.watch(viewer).peerId();
        Duration fourTimeouts = TestServer.consentTimeout().multipliedBy(4);

        int received = 0;
        int seq = 0;
        long end = System.nanoTime() + fourTimeouts.toNanos();
        for (; System.nanoTime() < end; seq++) {
            byte[] audio = RtpPackets.rtp(OfferSpec.OPUS_PT, seq, seq * 960L, AUDIO_SSRC, false, new byte[100]);
            broadcaster.sendRtp(audio, 0, audio.length);
            Thread.sleep(20);
            received += viewer.receivedRtp().size();
            viewer.receivedRtp().clear();
        }
        byte[] last = RtpPackets.rtp(OfferSpec.OPUS_PT, seq, seq * 960L, AUDIO_SSRC, false, new byte[100]);
        broadcaster.sendRtp(last, 0, last.length);
        byte[] after = viewer.receivedRtp().poll(5, TimeUnit.SECONDS);

        System.out.println("a viewer sending nothing but consent answers, after " + fourTimeouts.toSeconds()
                + " s: " + received + " packets received, " + viewer.consentChecksAnswered() + " checks answered");
        assertTrue(after != null && RtpPacket.sequenceNumber(after, 0) == seq, "still receiving after four timeouts");
        long expectedChecks = fourTimeouts.toMillis() / TestServer.consentInterval().toMillis() / 2;
        assertTrue(viewer.consentChecksAnswered() >= expectedChecks,
                "the server checked consent itself: " + viewer.consentChecksAnswered() + " answered");
        assertTrue(TestServer.listedAsViewer(broadcast.room(), peerId));
    }

    @Test
    void aViewerThatStopsAnsweringIsClosedWithinOneTimeoutPlusOneInterval() throws Exception {
        broadcast.start(AUDIO_SSRC, VIDEO_SSRC);
        TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
        String peerId = broadcast.watch(viewer).peerId();
        assertTrue(TestServer.listedAsViewer(broadcast.room(), peerId));

        long stopped = System.nanoTime();
        viewer.answerConsentChecks(false);
        Duration limit = TestServer.consentTimeout().plus(TestServer.consentInterval());
        long deadline = stopped + limit.plusSeconds(5).toNanos();
        while (TestServer.listedAsViewer(broadcast.room(), peerId) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Duration closedAfter = Duration.ofNanos(System.nanoTime() - stopped);
        System.out.println("a viewer that stopped answering consent checks was closed after "
                + closedAfter.toMillis() + " ms");
        assertTrue(!TestServer.listedAsViewer(broadcast.room(), peerId), "closed");
        assertTrue(closedAfter.compareTo(limit) <= 0, "within one timeout plus one interval: " + closedAfter);
    }
}
