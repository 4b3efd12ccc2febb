package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.RtpPackets;
import dev.beam.testpeer.TestPeer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions that outlive their WebSocket, against the started server (grace period 4 s from
 * bin/test): a connection killed mid-broadcast (no close frame, as a network drop or a proxy
 * restart does it) leaves the media flowing and the counts unchanged; a new connection resumes
 * the session with its token; one not resumed ends when the grace period does.
 */
class SessionResumeIT {
    private static final long AUDIO_SSRC = 0x0C0C0C0CL;
    private static final long VIDEO_SSRC = 0x0D0D0D0DL;
    private static final int BURST = 20;

    @RegisterExtension
    final OpenResources open = new OpenResources();

    private final PeerBroadcast broadcast = PeerBroadcast.inNewRoom("resume", open);
    private int sequence;

    @Test
    void aViewerWhoseConnectionIsKilledKeepsReceivingAndResumesItsSession() throws Exception {
        TestPeer broadcaster = broadcast.start(AUDIO_SSRC, VIDEO_SSRC);
        TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
        PeerBroadcast.Viewing viewing = broadcast.watch(viewer);
        String token = viewing.joined().getString("resumeToken");
        assertEquals(TestServer.sessionGrace().toMillis(), viewing.joined().getJsonNumber("resumeWithinMs").longValue());

        viewing.signaling().abort();

        assertEquals(BURST, sendAndCount(broadcaster, viewer), "media flows with no connection serving the session");
        assertTrue(TestServer.listedAsViewer(broadcast.room(), viewing.peerId()), "and the viewer is still in the room");
        SignalingClient next = open.keep(SignalingClient.connect(TestServer.uri()));
        JsonObject resumed = next.request("resume-session", "\"token\":\"" + token + "\"");
        assertEquals("session-resumed", resumed.getString("type"), resumed.toString());
        assertEquals(viewing.peerId(), resumed.getString("peerId"));
        assertEquals(broadcast.room(), resumed.getString("room"));
        assertTrue(resumed.getBoolean("live"));
        assertEquals(1, resumed.getInt("viewers"));
        assertEquals(viewing.consumed().getString("transportId"), resumed.getJsonArray("transports").getString(0));

        TimeUnit.MILLISECONDS.sleep(TestServer.sessionGrace().plusSeconds(2).toMillis());
        assertEquals(BURST, sendAndCount(broadcaster, viewer), "a resumed session has no deadline");
        assertTrue(TestServer.listedAsViewer(broadcast.room(), viewing.peerId()));
        JsonObject again = open.keep(SignalingClient.connect(TestServer.uri()))
                .request("resume-session", "\"token\":\"" + token + "\"");
        assertEquals("session-resumed", again.getString("type"), "a second resume takes it over once more");
        assertEquals(4001, next.awaitClose().code(), "the connection it had is closed as taken over");
    }

    @Test
    void aBroadcastWhoseConnectionIsKilledAndNotResumedEndsWhenTheGracePeriodDoes() throws Exception {
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC)));
        SignalingClient signaling = open.keep(SignalingClient.connect(TestServer.uri()));
        String token = signaling.request("join-room", broadcast.joinAs("broadcaster")).getString("resumeToken");
        JsonObject produced = signaling.request("produce", PeerBroadcast.sdpField(broadcaster.offer()));
        broadcaster.accept(produced.getString("sdp"));
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);
        TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
        PeerBroadcast.Viewing viewing = broadcast.watch(viewer);

        long dropped = System.nanoTime();
        signaling.abort();

        assertEquals(BURST, sendAndCount(broadcaster, viewer), "the viewer still gets the broadcast");
        JsonObject ended = viewing.signaling().next(message -> "stream-ended".equals(message.getString("type")),
                TestServer.sessionGrace().plusSeconds(5));
        Duration after = Duration.ofNanos(System.nanoTime() - dropped);
        assertEquals(broadcast.room(), ended.getString("room"));
        assertTrue(after.compareTo(TestServer.sessionGrace().minusMillis(500)) >= 0,
                "not before the grace period passed: " + after.toMillis() + " ms");
        JsonObject refused = open.keep(SignalingClient.connect(TestServer.uri()))
                .request("resume-session", "\"token\":\"" + token + "\"");
        assertEquals("unknown-session", refused.getString("code"), refused.toString());
        JsonObject joined = open.keep(SignalingClient.connect(TestServer.uri()))
                .request("join-room", broadcast.joinAs("viewer"));
        assertFalse(joined.getBoolean("live"), "the room is no longer live");
    }

    /** Sends a burst of audio packets and counts those the viewer gets within two seconds. */
    private int sendAndCount(TestPeer broadcaster, TestPeer viewer) throws InterruptedException {
        viewer.receivedRtp().clear();
        for (int i = 0; i < BURST; i++) {
            int seq = sequence++;
            byte[] packet = RtpPackets.rtp(OfferSpec.OPUS_PT, seq, seq * 960L, AUDIO_SSRC, false, new byte[100]);
            broadcaster.sendRtp(packet, 0, packet.length);
            TimeUnit.MILLISECONDS.sleep(5);
        }
        int received = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (received < BURST && viewer.receivedRtp().poll(Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS) != null) {
            received++;
        }
        return received;
    }
}
