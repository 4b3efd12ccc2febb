package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.FakeClock;
import dev.beam.access.AccessTokens;
import dev.beam.config.RoomSettings;
import dev.beam.config.SessionLimitSettings;
import dev.beam.room.RoomRegistry;
import dev.beam.stream.Broadcasts;
import dev.beam.stream.MediaService;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions outliving their connection: the grace period on a fake clock, resumes and take-overs. */
class SessionResumeTest {
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final int MAX_DETACHED = 2;

    private final FakeClock clock = new FakeClock();
    private final RoomRegistry rooms = new RoomRegistry(new RoomSettings(100, Duration.ofMinutes(5)), clock);
    private final SignalingService service = new SignalingService(rooms, new Broadcasts(new MediaService(), rooms,
            new SessionLimitSettings(8, 1000)), AccessTokens.open(), MessageCodecTest.CODEC,
            new ResumableSessions(clock, GRACE, MAX_DETACHED));
    private final TestConnection broadcaster = joined("broadcaster");

    @Test
    void aDroppedConnectionsSessionStaysInItsRoomUntilTheGracePeriodEnds() {
        TestConnection viewer = joined("viewer");
        broadcaster.types();

        service.disconnected(viewer.session, viewer, true);
        clock.elapse(GRACE.minusMillis(1));
        service.expireDetached();

        assertEquals(List.of(), broadcaster.types(), "no one left, as far as the room knows");
        assertEquals(1, rooms.snapshots().get(0).viewers());
        assertFalse(viewer.closed);

        clock.elapse(Duration.ofMillis(1));
        service.expireDetached();

        assertEquals(List.of("user-left", "viewer-count"), broadcaster.types());
        assertEquals(0, rooms.snapshots().get(0).viewers());
        assertEquals(0, service.detachedSessions());
    }

    @Test
    void aNewConnectionResumesTheSessionWithItsTokenAndGetsWhatItMissed() {
        TestConnection viewer = joined("viewer");
        String token = viewer.received.get(0).getString("resumeToken");
        String peerId = viewer.received.get(0).getString("peerId");
        service.disconnected(viewer.session, viewer, true);
        joined("viewer"); // the count changes while the first viewer is away

        TestConnection next = new TestConnection(service);
        next.request("{\"type\":\"resume-session\",\"id\":7,\"token\":\"" + token + "\"}");

        assertEquals(List.of("session-resumed", "viewer-count"), next.received.stream().map(m -> m.getString("type")).toList(),
                "the reply first, then the event that waited");
        JsonObject resumed = next.received.get(0);
        assertEquals(7, resumed.getInt("id"));
        assertEquals(peerId, resumed.getString("peerId"));
        assertEquals("r", resumed.getString("room"));
        assertEquals(2, resumed.getInt("viewers"));
        assertEquals(2, next.received.get(1).getInt("count"));
        clock.elapse(GRACE.plusSeconds(1));
        service.expireDetached();
        assertEquals(2, rooms.snapshots().get(0).viewers(), "a resumed session has no deadline");
    }

    @Test
    void aResumeTakesTheSessionFromAConnectionTheServerStillThinksOpen() {
        TestConnection viewer = joined("viewer");
        String token = viewer.received.get(0).getString("resumeToken");

        TestConnection next = new TestConnection(service);
        next.request("{\"type\":\"resume-session\",\"id\":1,\"token\":\"" + token + "\"}");
        service.disconnected(viewer.session, viewer, true); // the old connection's close, noticed late
        service.disconnected(viewer.session, viewer, false);

        assertTrue(viewer.takenOver, "the old connection is told to close");
        assertEquals("session-resumed", next.last().getString("type"));
        assertEquals(0, service.detachedSessions());
        assertEquals(1, rooms.snapshots().get(0).viewers());
    }

    @Test
    void aTokenIsVoidOnceItsSessionEnded() {
        TestConnection viewer = joined("viewer");
        String token = viewer.received.get(0).getString("resumeToken");
        service.disconnected(viewer.session, viewer, true);
        clock.elapse(GRACE);
        service.expireDetached();

        TestConnection next = new TestConnection(service);
        next.request("{\"type\":\"resume-session\",\"id\":3,\"token\":\"" + token + "\"}");
        next.request("{\"type\":\"resume-session\",\"id\":4,\"token\":\"AAAAAAAAAAAAAAAAAAAAAA\"}");

        assertEquals(List.of("error", "error"), next.received.stream().map(m -> m.getString("type")).toList());
        assertEquals("unknown-session", next.received.get(0).getString("code"));
        assertEquals(3, next.received.get(0).getInt("id"));
        assertEquals("unknown-session", next.last().getString("code"));
    }

    @Test
    void aCleanCloseOrALeaveEndsTheSessionAtOnce() {
        TestConnection closing = joined("viewer");
        TestConnection leaving = joined("viewer");
        String token = leaving.received.get(0).getString("resumeToken");

        service.disconnected(closing.session, closing, false);
        leaving.request("{\"type\":\"leave-room\",\"id\":2}");
        TestConnection next = new TestConnection(service);
        next.request("{\"type\":\"resume-session\",\"id\":3,\"token\":\"" + token + "\"}");

        assertEquals(0, rooms.snapshots().get(0).viewers());
        assertEquals("unknown-session", next.last().getString("code"));
    }

    @Test
    void aConnectionInARoomCannotResumeAnotherSession() {
        TestConnection viewer = joined("viewer");
        String token = viewer.received.get(0).getString("resumeToken");

        broadcaster.request("{\"type\":\"resume-session\",\"id\":5,\"token\":\"" + token + "\"}");

        assertEquals("already-in-room", broadcaster.last().getString("code"));
        assertFalse(viewer.takenOver);
    }

    @Test
    void pastTheCapTheLongestDetachedSessionEndsAtOnce() {
        List<TestConnection> viewers = List.of(joined("viewer"), joined("viewer"), joined("viewer"));
        broadcaster.types();

        for (TestConnection viewer : viewers) {
            service.disconnected(viewer.session, viewer, true);
            clock.elapse(Duration.ofSeconds(1));
        }

        assertEquals(MAX_DETACHED, service.detachedSessions());
        assertEquals(2, rooms.snapshots().get(0).viewers(), "the first one detached ended");
        TestConnection next = new TestConnection(service);
        next.request("{\"type\":\"resume-session\",\"id\":1,\"token\":\""
                + viewers.get(0).received.get(0).getString("resumeToken") + "\"}");
        assertEquals("unknown-session", next.last().getString("code"));
    }

    private TestConnection joined(String role) {
        TestConnection connection = new TestConnection(service);
        connection.request("{\"type\":\"join-room\",\"id\":1,\"room\":\"r\",\"role\":\"" + role + "\"}");
        assertEquals("room-joined", connection.received.get(0).getString("type"));
        return connection;
    }
}
