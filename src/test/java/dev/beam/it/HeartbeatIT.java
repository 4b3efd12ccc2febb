package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The server pings every signaling connection and closes those that stop answering; a browser
 * (here, Java's WebSocket client, which answers pings by itself as browsers do) that sends
 * nothing while it watches must stay connected and in its room well past the timeout.
 */
class HeartbeatIT {

    @Test
    void aQuietViewerThatAnswersPingsStaysInItsRoom() throws Exception {
        try (SignalingClient viewer = SignalingClient.connect(TestServer.uri());
             SignalingClient observer = SignalingClient.connect(TestServer.uri())) {
            viewer.request("join-room", "\"room\":\"heartbeat-it\",\"role\":\"viewer\"");

            // Beats come every 15 s with a 45 s timeout: without pongs the 60 s beat would close it.
            Thread.sleep(64_000);

            assertTrue(viewer.isOpen(), "still connected after 64 s of silence");
            JsonObject joined = observer.request("join-room", "\"room\":\"heartbeat-it\",\"role\":\"viewer\"");
            assertEquals(2, joined.getInt("viewers"), "and still counted in the room");
        }
    }
}
