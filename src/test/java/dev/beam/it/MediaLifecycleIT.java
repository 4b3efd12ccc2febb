package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.TestPeer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How broadcasts end when the broadcaster's media is not what it claimed, or goes away. */
class MediaLifecycleIT {
    private final String room = "lifecycle-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aCertificateThatDoesNotMatchTheOfferEndsTheBroadcast() throws Exception {
        try (SignalingClient broadcasterSignaling = SignalingClient.connect(TestServer.uri());
             SignalingClient viewer = SignalingClient.connect(TestServer.uri());
             TestPeer broadcaster = TestPeer.create(OfferSpec.send(1, 2))) {
            broadcasterSignaling.request("join-room", "\"room\":\"" + room + "\",\"role\":\"broadcaster\"");
            viewer.request("join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"");
            String lying = broadcaster.offer().replace(broadcaster.fingerprint(), "AB:".repeat(31) + "AB");

            JsonObject produced = broadcasterSignaling.request("produce", "\"sdp\":" + Fixtures.jsonString(lying));
            viewer.next("stream-started");
            broadcaster.accept(produced.getString("sdp"));

            assertThrows(IllegalStateException.class, () -> broadcaster.awaitConnected(Duration.ofSeconds(10)));
            viewer.next("stream-ended");
            assertTrue(broadcasterSignaling.isOpen(), "the signaling connection stays usable");
        }
    }

    @Test
    void aBroadcasterWhoseMediaVanishesIsClosedWithinTheConsentTimeout() throws Exception {
        try (SignalingClient broadcasterSignaling = SignalingClient.connect(TestServer.uri());
             SignalingClient viewer = SignalingClient.connect(TestServer.uri())) {
            broadcasterSignaling.request("join-room", "\"room\":\"" + room + "\",\"role\":\"broadcaster\"");
            viewer.request("join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"");
            TestPeer broadcaster = TestPeer.create(OfferSpec.send(1, 2));
            JsonObject produced = broadcasterSignaling.request("produce", "\"sdp\":" + Fixtures.jsonString(broadcaster.offer()));
            broadcaster.accept(produced.getString("sdp"));
            broadcaster.awaitConnected(Duration.ofSeconds(10));
            viewer.next("stream-started");

            long vanished = System.nanoTime();
            broadcaster.close();

            Duration limit = TestServer.consentTimeout().plus(TestServer.consentInterval());
            viewer.next(m -> "stream-ended".equals(m.getString("type")), limit.plusSeconds(10));
            Duration closedAfter = Duration.ofNanos(System.nanoTime() - vanished);
            System.out.println("a vanished broadcaster was closed after " + closedAfter.toMillis() + " ms (consent "
                    + TestServer.consentInterval().toMillis() + " / " + TestServer.consentTimeout().toMillis() + " ms)");
            assertTrue(closedAfter.compareTo(TestServer.consentTimeout().minus(TestServer.consentInterval())) >= 0
                    && closedAfter.compareTo(limit) <= 0, "within one timeout plus one interval: " + closedAfter);
            assertEquals("room-left", broadcasterSignaling.request("leave-room", "").getString("type"));
        }
    }
}
