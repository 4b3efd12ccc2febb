package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.rtp.RtpPacket;
import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.RtpPackets;
import dev.beam.testpeer.TestPeer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Consent freshness (RFC 7675) as the server does it: its own checks keep a peer that answers
 * them alive whatever else it sends, and a peer that stops answering is closed. Run with the
 * short interval and timeout bin/test gives the server (1 s and 6 s).
 */
class ConsentIT {
    private static final long AUDIO_SSRC = 0x0A0A0A0AL;
    private static final long VIDEO_SSRC = 0x0B0B0B0BL;
    private static final Duration CONNECT = Duration.ofSeconds(10);

    private final String room = "consent-" + UUID.randomUUID().toString().substring(0, 8);
    private final OpenResources open = new OpenResources();

    private <T extends AutoCloseable> T keep(T resource) {
        return open.keep(resource);
    }

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    @Test
    void aReceiveOnlyViewerThatSendsNoRtcpStaysAsLongAsItAnswers() throws Exception {
        TestPeer broadcaster = broadcast();
        TestPeer viewer = keep(TestPeer.create(OfferSpec.receive()));
        String peerId = watch(viewer);
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
        assertTrue(TestServer.listedAsViewer(room, peerId));
    }

    @Test
    void aViewerThatStopsAnsweringIsClosedWithinOneTimeoutPlusOneInterval() throws Exception {
        broadcast();
        TestPeer viewer = keep(TestPeer.create(OfferSpec.receive()));
        String peerId = watch(viewer);
        assertTrue(TestServer.listedAsViewer(room, peerId));

        long stopped = System.nanoTime();
        viewer.answerConsentChecks(false);
        Duration limit = TestServer.consentTimeout().plus(TestServer.consentInterval());
        long deadline = stopped + limit.plusSeconds(5).toNanos();
        while (TestServer.listedAsViewer(room, peerId) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Duration closedAfter = Duration.ofNanos(System.nanoTime() - stopped);
        System.out.println("a viewer that stopped answering consent checks was closed after "
                + closedAfter.toMillis() + " ms");
        assertTrue(!TestServer.listedAsViewer(room, peerId), "closed");
        assertTrue(closedAfter.compareTo(limit) <= 0, "within one timeout plus one interval: " + closedAfter);
    }

    private TestPeer broadcast() throws InterruptedException {
        TestPeer broadcaster = keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC)));
        SignalingClient signaling = keep(SignalingClient.connect(TestServer.uri()));
        signaling.request("join-room", "\"room\":\"" + room + "\",\"role\":\"broadcaster\"");
        JsonObject produced = signaling.request("produce", "\"sdp\":" + Fixtures.jsonString(broadcaster.offer()));
        broadcaster.accept(produced.getString("sdp"));
        broadcaster.awaitConnected(CONNECT);
        return broadcaster;
    }

    /** Joins as a viewer, consumes, connects and resumes; returns the viewer's peer id. */
    private String watch(TestPeer viewer) throws InterruptedException {
        SignalingClient signaling = keep(SignalingClient.connect(TestServer.uri()));
        JsonObject joined = signaling.request("join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"");
        JsonObject consumed = signaling.request("consume", "\"sdp\":" + Fixtures.jsonString(viewer.offer()));
        viewer.accept(consumed.getString("sdp"));
        viewer.awaitConnected(CONNECT);
        assertEquals("consumer-resumed", signaling.request("resume-consumer",
                "\"consumerId\":\"" + consumed.getString("consumerId") + "\"").getString("type"));
        return joined.getString("peerId");
    }

}
