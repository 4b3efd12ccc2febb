package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
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

            // Without pongs the first beat after the timeout would close it: wait for two more.
            Duration quiet = TestServer.pingTimeout().plus(TestServer.pingInterval().multipliedBy(2));
            Thread.sleep(quiet.toMillis());

            assertTrue(viewer.isOpen(), "still connected after " + quiet.toMillis() + " ms of silence");
            JsonObject joined = observer.request("join-room", "\"room\":\"heartbeat-it\",\"role\":\"viewer\"");
            assertEquals(2, joined.getInt("viewers"), "and still counted in the room");
        }
    }
}
