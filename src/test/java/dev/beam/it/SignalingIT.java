package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.WebSocketHandshakeException;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SignalingIT {
    private final String room = "it-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void broadcasterAndViewerSeeCountsAndEachOther() throws Exception {
        try (SignalingClient broadcaster = SignalingClient.connect(TestServer.uri());
             SignalingClient viewer = SignalingClient.connect(TestServer.uri())) {
            JsonObject joined = broadcaster.request("join-room", "\"room\":\"" + room + "\",\"role\":\"broadcaster\"");
            assertEquals("room-joined", joined.getString("type"));
            assertEquals(0, joined.getInt("viewers"));
            assertEquals(false, joined.getBoolean("live"));
            assertEquals(0, broadcaster.next("viewer-count").getInt("count"));

            JsonObject viewerJoined = viewer.request("join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"");
            String viewerId = viewerJoined.getString("peerId");
            assertEquals(1, viewer.next("viewer-count").getInt("count"));
            assertEquals(viewerId, broadcaster.next("user-joined").getString("peerId"));
            assertEquals(1, broadcaster.next("viewer-count").getInt("count"));

            assertEquals("room-left", viewer.request("leave-room", "").getString("type"));
            assertEquals(viewerId, broadcaster.next("user-left").getString("peerId"));
            assertEquals(0, broadcaster.next("viewer-count").getInt("count"));
        }
    }

    @Test
    void aClosedSocketLeavesItsRoomAtOnce() throws Exception {
        try (SignalingClient broadcaster = SignalingClient.connect(TestServer.uri())) {
            broadcaster.request("join-room", "\"room\":\"" + room + "\",\"role\":\"broadcaster\"");
            SignalingClient viewer = SignalingClient.connect(TestServer.uri());
            String viewerId = viewer.request("join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"").getString("peerId");
            broadcaster.next(m -> m.getString("type").equals("viewer-count") && m.getInt("count") == 1);

            viewer.close();

            assertEquals(viewerId, broadcaster.next("user-left").getString("peerId"));
            assertEquals(0, broadcaster.next("viewer-count").getInt("count"));
        }
    }

    @Test
    void badInputGetsErrorsAndTheSocketStaysUsable() throws Exception {
        try (SignalingClient client = SignalingClient.connect(TestServer.uri())) {
            client.send("{this is not json");
            assertError(client.next("error"), "bad-json");

            client.send("{\"type\":\"teleport\",\"id\":77}");
            JsonObject unknown = client.next("error");
            assertError(unknown, "unknown-type");
            assertEquals(77, unknown.getInt("id"));

            assertError(client.request("join-room", "\"room\":\"" + room + "\""), "invalid-message");
            assertError(client.request("join-room", "\"room\":\"no spaces\",\"role\":\"viewer\""), "invalid-message");
            assertError(client.request("leave-room", ""), "not-in-room");
            assertError(client.request("resume-consumer", "\"consumerId\":\"c1\""), "not-in-room");

            assertEquals("room-joined", client.request("join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"").getString("type"));
            assertError(client.request("produce", "\"sdp\":\"v=0\""), "wrong-role");
            assertTrue(client.isOpen());
        }
    }

    @Test
    void badOffersAreRefusedAndSayWhy() throws Exception {
        try (SignalingClient broadcaster = SignalingClient.connect(TestServer.uri());
             SignalingClient viewer = SignalingClient.connect(TestServer.uri())) {
            broadcaster.request("join-room", "\"room\":\"" + room + "\",\"role\":\"broadcaster\"");
            viewer.request("join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"");

            assertError(broadcaster.request("produce", "\"sdp\":\"v=0\""), "invalid-sdp");
            String noBundle = Fixtures.sdp("chromium-offer-no-bundle.sdp");
            JsonObject refused = broadcaster.request("produce", "\"sdp\":" + Fixtures.jsonString(noBundle));
            assertError(refused, "invalid-sdp");
            assertTrue(refused.getString("message").contains("BUNDLE"), refused.toString());
            assertError(viewer.request("consume", "\"sdp\":" + Fixtures.jsonString(Fixtures.sdp("chromium-viewer-offer.sdp"))),
                    "not-live");
            assertTrue(broadcaster.isOpen() && viewer.isOpen());
        }
    }

    @Test
    void anOversizedMessageClosesTheSocketWithAClearReason() throws Exception {
        try (SignalingClient client = SignalingClient.connect(TestServer.uri())) {
            client.send("{\"type\":\"produce\",\"sdp\":\"" + "a".repeat(70_000) + "\"}");

            SignalingClient.Closed closed = client.awaitClose();
            assertEquals(1009, closed.code());
            assertEquals("message larger than 65536 characters", closed.reason());
        }
    }

    @Test
    void aForeignOriginIsRefusedAndTheSameOriginAllowed() throws Exception {
        CompletionException refused = assertThrows(CompletionException.class,
                () -> SignalingClient.connect(TestServer.uri(), "http://evil.example"));
        assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
        assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());

        String sameOrigin = "http://" + TestServer.uri().getHost() + ":" + TestServer.uri().getPort();
        try (SignalingClient client = SignalingClient.connect(TestServer.uri(), sameOrigin)) {
            assertEquals("room-joined", client.request("join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"").getString("type"));
        }
    }

    private static void assertError(JsonObject message, String code) {
        assertEquals("error", message.getString("type"), message.toString());
        assertEquals(code, message.getString("code"), message.toString());
        assertTrue(!message.getString("message").isBlank());
    }
}
