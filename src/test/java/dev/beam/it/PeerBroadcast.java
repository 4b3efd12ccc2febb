package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.TestPeer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

/**
 * A broadcast in one room and its viewers, all test peers over real signaling, each peer on a
 * signaling connection of its own. What it opens goes to the test's {@link OpenResources}, which
 * closes it when the test ends.
 */
final class PeerBroadcast {
    static final Duration CONNECT = Duration.ofSeconds(10);

    /** A request on a signaling connection, whichever client makes it (a bound one, say). */
    @FunctionalInterface
    interface Requests {
        JsonObject request(String type, String fieldsJson) throws IOException, InterruptedException;
    }

    /** A viewer's session: its signaling connection, the {@code join-room} and {@code consume} replies. */
    record Viewing(SignalingClient signaling, JsonObject joined, JsonObject consumed) {
        String sdp() {
            return consumed.getString("sdp");
        }

        String peerId() {
            return joined.getString("peerId");
        }
    }

    private final String room;
    private final OpenResources open;

    PeerBroadcast(String room, OpenResources open) {
        this.room = room;
        this.open = open;
    }

    /** In a room of its own, named {@code prefix-} and a random suffix. */
    static PeerBroadcast inNewRoom(String prefix, OpenResources open) {
        return new PeerBroadcast(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), open);
    }

    String room() {
        return room;
    }

    /** The fields of a {@code join-room} to this room. */
    String joinAs(String role) {
        return "\"room\":\"" + room + "\",\"role\":\"" + role + "\"";
    }

    static String sdpField(String sdp) {
        return "\"sdp\":" + Fixtures.jsonString(sdp);
    }

    /** Starts the broadcast: a broadcaster that sends audio and video on these SSRCs, connected. */
    TestPeer start(long audioSsrc, long videoSsrc) throws InterruptedException {
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.send(audioSsrc, videoSsrc)));
        produce(broadcaster);
        broadcaster.awaitConnected(CONNECT);
        return broadcaster;
    }

    /** Joins as the broadcaster and produces the peer's offer; the peer connects in the background. */
    JsonObject produce(TestPeer broadcaster) throws InterruptedException {
        SignalingClient signaling = open.keep(SignalingClient.connect(TestServer.uri()));
        signaling.request("join-room", joinAs("broadcaster"));
        JsonObject produced = signaling.request("produce", sdpField(broadcaster.offer()));
        assertEquals("producer-created", produced.getString("type"), produced.toString());
        broadcaster.accept(produced.getString("sdp"));
        return produced;
    }

    /** Joins as a viewer, consumes, connects and resumes. */
    Viewing watch(TestPeer viewer) throws InterruptedException {
        Viewing viewing = consume(viewer);
        viewer.awaitConnected(CONNECT);
        JsonObject resumed = viewing.signaling().request("resume-consumer",
                "\"consumerId\":\"" + viewing.consumed().getString("consumerId") + "\"");
        assertEquals("consumer-resumed", resumed.getString("type"), resumed.toString());
        return viewing;
    }

    /** Joins as a viewer and consumes; the peer connects in the background. */
    Viewing consume(TestPeer viewer) throws InterruptedException {
        SignalingClient signaling = open.keep(SignalingClient.connect(TestServer.uri()));
        JsonObject joined = signaling.request("join-room", joinAs("viewer"));
        JsonObject consumed = signaling.request("consume", sdpField(viewer.offer()));
        assertEquals("consumer-created", consumed.getString("type"), consumed.toString());
        viewer.accept(consumed.getString("sdp"));
        return new Viewing(signaling, joined, consumed);
    }

    /**
     * Joins as a viewer on {@code signaling} and asks to consume, which a limit may refuse: the
     * reply either way, and a session granted is connected before this returns.
     */
    JsonObject tryWatch(Requests signaling, TestPeer viewer) throws IOException, InterruptedException {
        signaling.request("join-room", joinAs("viewer"));
        JsonObject reply = signaling.request("consume", sdpField(viewer.offer()));
        if (!reply.getString("type").equals("error")) {
            viewer.accept(reply.getString("sdp"));
            viewer.awaitConnected(CONNECT);
        }
        return reply;
    }
}
