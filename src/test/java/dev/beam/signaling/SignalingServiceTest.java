package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.FakeClock;
import dev.beam.access.AccessTokens;
import dev.beam.config.IceServerSettings;
import dev.beam.config.TokenSettings;
import dev.beam.config.TurnSettings;
import dev.beam.config.RoomSettings;
import dev.beam.config.SessionLimitSettings;
import dev.beam.room.RoomException;
import dev.beam.room.RoomRegistry;
import dev.beam.stream.Broadcasts;
import dev.beam.stream.MediaService;
import dev.beam.turn.IceServers;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignalingServiceTest {
    private final RoomRegistry rooms = new RoomRegistry(new RoomSettings(100, Duration.ofMinutes(5)), new FakeClock());
    /** No media plane: the UDP port is not bound in unit tests. */
    private SignalingService service = service(AccessTokens.open());

    private SignalingService service(AccessTokens access) {
        return new SignalingService(rooms, new Broadcasts(new MediaService(), rooms, new SessionLimitSettings(8, 1000)),
                access, MessageCodecTest.CODEC, new ResumableSessions(new FakeClock(), Duration.ofSeconds(20), 8));
    }

    @Test
    void aJoinWithoutTheTokenItNeedsIsRefusedAndJoinsNothing() {
        service = service(new AccessTokens(new TokenSettings(Optional.of("s".repeat(32)), Optional.empty(), "HS256",
                "beam", List.of("*"), List.of()), new FakeClock()));
        TestConnection broadcaster = new TestConnection(service);
        TestConnection viewer = new TestConnection(service);

        broadcaster.request("{\"type\":\"join-room\",\"id\":1,\"room\":\"main\",\"role\":\"broadcaster\"}");
        viewer.request("{\"type\":\"join-room\",\"id\":2,\"room\":\"main\",\"role\":\"viewer\"}");

        assertEquals("unauthorized", broadcaster.last().getString("code"));
        assertEquals(1, broadcaster.last().getInt("id"));
        assertTrue(broadcaster.session.peer().isEmpty());
        assertEquals("room-joined", viewer.received.get(0).getString("type"));
    }

    @Test
    void onlyAJoinPastTheTokenCheckGetsIceServersWithCredentialsOfItsOwn() {
        String secret = "beam-turn-secret-for-tests";
        service = new SignalingService(rooms, new Broadcasts(new MediaService(), rooms, new SessionLimitSettings(8, 1000)),
                new AccessTokens(new TokenSettings(Optional.of("s".repeat(32)), Optional.empty(), "HS256", "beam",
                        List.of("*"), List.of()), new FakeClock()), MessageCodecTest.CODEC,
                new ResumableSessions(new FakeClock(), Duration.ofSeconds(20), 8),
                new IceServers(new IceServerSettings(List.of("stun:s.example.net"), Optional.empty(), Optional.empty(),
                        true), new TurnSettings(Optional.of(secret), List.of("turn:127.0.0.1:3478"),
                        Duration.ofHours(24)), new FakeClock()));
        TestConnection broadcaster = new TestConnection(service);
        TestConnection viewer = new TestConnection(service);

        broadcaster.request("{\"type\":\"join-room\",\"id\":1,\"room\":\"main\",\"role\":\"broadcaster\"}");
        viewer.request("{\"type\":\"join-room\",\"id\":2,\"room\":\"main\",\"role\":\"viewer\"}");

        assertEquals("unauthorized", broadcaster.last().getString("code"));
        assertTrue(!broadcaster.last().containsKey("iceServers"));
        JsonObject joined = viewer.received.get(0);
        assertEquals("relay", joined.getString("iceTransportPolicy"));
        assertEquals("stun:s.example.net", joined.getJsonArray("iceServers").getJsonObject(0).getJsonArray("urls")
                .getString(0));
        JsonObject turn = joined.getJsonArray("iceServers").getJsonObject(1);
        assertEquals("turn:127.0.0.1:3478", turn.getJsonArray("urls").getString(0));
        // FakeClock's 2026-01-01T00:00:00Z plus 24 h, and this viewer's peer id
        assertEquals("1767312000:" + joined.getString("peerId"), turn.getString("username"));
        assertEquals(28, turn.getString("credential").length(), "base64 of a 20-byte HMAC-SHA1");
        assertTrue(viewer.received.stream().noneMatch(message -> message.toString().contains(secret)));
    }

    @Test
    void theJoinReplyComesBeforeTheRoomsEvents() {
        TestConnection viewer = new TestConnection(service);

        viewer.request("{\"type\":\"join-room\",\"id\":1,\"room\":\"main\",\"role\":\"viewer\"}");

        assertEquals("room-joined", viewer.received.get(0).getString("type"));
        assertEquals(1, viewer.received.get(0).getInt("id"));
        assertEquals(1, viewer.received.get(0).getInt("viewers"));
        assertEquals(List.of("room-joined", "viewer-count"), viewer.types());
    }

    @Test
    void broadcasterAndViewerSeeEachOther() {
        TestConnection broadcaster = new TestConnection(service);
        TestConnection viewer = new TestConnection(service);
        broadcaster.request("{\"type\":\"join-room\",\"id\":1,\"room\":\"r\",\"role\":\"broadcaster\"}");
        broadcaster.types();

        viewer.request("{\"type\":\"join-room\",\"id\":1,\"room\":\"r\",\"role\":\"viewer\"}");
        String viewerId = viewer.received.get(0).getString("peerId");
        assertEquals(List.of("user-joined", "viewer-count"), broadcaster.received.stream().map(m -> m.getString("type")).toList());
        assertEquals(viewerId, broadcaster.received.get(0).getString("peerId"));
        broadcaster.types();

        viewer.request("{\"type\":\"leave-room\",\"id\":2}");
        assertEquals("room-left", viewer.last().getString("type"));
        assertEquals(List.of("user-left", "viewer-count"), broadcaster.types());
    }

    @Test
    void aClosedConnectionLeavesItsRoom() {
        TestConnection broadcaster = new TestConnection(service);
        TestConnection viewer = new TestConnection(service);
        broadcaster.request("{\"type\":\"join-room\",\"room\":\"r\",\"role\":\"broadcaster\"}");
        viewer.request("{\"type\":\"join-room\",\"room\":\"r\",\"role\":\"viewer\"}");
        broadcaster.types();

        service.disconnected(viewer.session, viewer, false);

        assertEquals(List.of("user-left", "viewer-count"), broadcaster.types());
        assertEquals(0, rooms.snapshots().get(0).viewers());
    }

    @Test
    void outOfOrderRequestsGetErrorsAndChangeNothing() {
        TestConnection client = new TestConnection(service);

        client.request("{\"type\":\"leave-room\",\"id\":1}");
        assertEquals("not-in-room", client.last().getString("code"));
        client.request("{\"type\":\"produce\",\"id\":2,\"sdp\":\"v=0\"}");
        assertEquals("not-in-room", client.last().getString("code"));
        client.request("{\"type\":\"resume-consumer\",\"id\":3,\"consumerId\":\"c\"}");
        assertEquals("not-in-room", client.last().getString("code"));
        client.request("{\"type\":\"set-quality\",\"id\":3,\"consumerId\":\"c\",\"quality\":\"low\"}");
        assertEquals("not-in-room", client.last().getString("code"));

        client.request("{\"type\":\"join-room\",\"id\":4,\"room\":\"r\",\"role\":\"viewer\"}");
        client.request("{\"type\":\"join-room\",\"id\":5,\"room\":\"other\",\"role\":\"viewer\"}");
        assertEquals("already-in-room", client.last().getString("code"));
        assertEquals(5, client.last().getInt("id"));
        client.request("{\"type\":\"produce\",\"id\":6,\"sdp\":\"v=0\"}");
        assertEquals("wrong-role", client.last().getString("code"));
        client.request("{\"type\":\"close-producer\",\"id\":7}");
        assertEquals("wrong-role", client.last().getString("code"));

        assertEquals(1, rooms.snapshots().size());
        assertEquals(1, rooms.snapshots().get(0).viewers());
    }

    @Test
    void aSecondBroadcasterIsRefusedAndTheFirstKeepsTheRoom() {
        TestConnection first = new TestConnection(service);
        TestConnection second = new TestConnection(service);
        first.request("{\"type\":\"join-room\",\"id\":1,\"room\":\"r\",\"role\":\"broadcaster\"}");

        second.request("{\"type\":\"join-room\",\"id\":1,\"room\":\"r\",\"role\":\"broadcaster\"}");

        assertEquals("broadcaster-exists", second.last().getString("code"));
        second.request("{\"type\":\"join-room\",\"id\":2,\"room\":\"r\",\"role\":\"viewer\"}");
        assertEquals(List.of("error", "room-joined", "viewer-count"), second.types(), "the refused connection can still join");
    }

    @Test
    void badOffersAndConsumingNothingGetErrorsAndChangeNothing() {
        TestConnection broadcaster = new TestConnection(service);
        TestConnection viewer = new TestConnection(service);
        broadcaster.request("{\"type\":\"join-room\",\"room\":\"r\",\"role\":\"broadcaster\"}");
        viewer.request("{\"type\":\"join-room\",\"room\":\"r\",\"role\":\"viewer\"}");
        viewer.types();

        broadcaster.request("{\"type\":\"produce\",\"id\":8,\"sdp\":\"v=0\"}");
        viewer.request("{\"type\":\"consume\",\"id\":9,\"sdp\":\"v=0\"}");

        assertEquals("invalid-sdp", broadcaster.last().getString("code"));
        assertEquals(8, broadcaster.last().getInt("id"));
        assertEquals("not-live", viewer.last().getString("code"));
        assertTrue(rooms.snapshots().stream().noneMatch(room -> room.live()), "nothing pretends to stream");
        assertEquals(List.of("error"), viewer.types());
    }

    @Test
    void aValidOfferWithoutAMediaPlaneSaysMediaIsUnavailable() throws Exception {
        TestConnection broadcaster = new TestConnection(service);
        broadcaster.request("{\"type\":\"join-room\",\"room\":\"r\",\"role\":\"broadcaster\"}");
        String offer = new String(getClass().getResourceAsStream("/sdp/chromium-broadcaster-offer.sdp").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);

        broadcaster.request(jakarta.json.Json.createObjectBuilder().add("type", "produce").add("id", 3).add("sdp", offer)
                .build().toString());

        assertEquals("media-unavailable", broadcaster.last().getString("code"));
        assertTrue(rooms.snapshots().stream().noneMatch(room -> room.live()));
    }

    @Test
    void createTransportExplainsThatTransportsComeFromOffers() {
        TestConnection client = new TestConnection(service);

        client.request("{\"type\":\"create-transport\",\"id\":1}");

        assertEquals("unsupported", client.last().getString("code"));
    }

    @Test
    void unknownTransportsAndConsumersAreErrors() {
        TestConnection viewer = new TestConnection(service);
        viewer.request("{\"type\":\"join-room\",\"room\":\"r\",\"role\":\"viewer\"}");

        viewer.request("{\"type\":\"connect-transport\",\"id\":1,\"transportId\":\"t\",\"candidate\":{\"candidate\":\"\"}}");
        assertEquals("unknown-transport", viewer.last().getString("code"));
        viewer.request("{\"type\":\"resume-consumer\",\"id\":2,\"consumerId\":\"c\"}");
        assertEquals("unknown-consumer", viewer.last().getString("code"));
    }

    @Test
    void anUnhandledMessageIsABug() {
        assertThrows(NullPointerException.class, () -> service.handle(new TestConnection(service).session, null, null));
    }
}
