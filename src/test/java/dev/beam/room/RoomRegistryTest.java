package dev.beam.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.FakeClock;
import dev.beam.config.RoomSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomRegistryTest {
    private final FakeClock clock = new FakeClock();
    private final RoomRegistry registry = new RoomRegistry(new RoomSettings(2, Duration.ofMinutes(5)), clock);
    private final RecordingListener broadcaster = new RecordingListener();
    private final RecordingListener viewer1 = new RecordingListener();
    private final RecordingListener viewer2 = new RecordingListener();

    @Test
    void firstJoinCreatesTheRoom() throws Exception {
        Membership joined = registry.join("main", Role.VIEWER, viewer1);

        assertEquals(new RoomSnapshot("main", false, false, 1), joined.room());
        assertEquals(List.of(new RoomSnapshot("main", false, false, 1)), registry.snapshots());
        assertEquals(Role.VIEWER, joined.peer().role());
    }

    @Test
    void peersGetDistinctIds() throws Exception {
        Peer a = registry.join("main", Role.VIEWER, viewer1).peer();
        Peer b = registry.join("main", Role.VIEWER, viewer2).peer();

        assertNotEquals(a.id(), b.id());
    }

    @Test
    void viewerCountGoesToEveryoneAndUserJoinedToTheBroadcaster() throws Exception {
        registry.join("main", Role.BROADCASTER, broadcaster);
        assertEquals(List.of("viewer-count 0"), broadcaster.drain());

        Peer v1 = registry.join("main", Role.VIEWER, viewer1).peer();
        assertEquals(List.of("user-joined " + v1.id(), "viewer-count 1"), broadcaster.drain());
        assertEquals(List.of("viewer-count 1"), viewer1.drain());

        Peer v2 = registry.join("main", Role.VIEWER, viewer2).peer();
        assertEquals(List.of("user-joined " + v2.id(), "viewer-count 2"), broadcaster.drain());
        assertEquals(List.of("viewer-count 2"), viewer1.drain());
        assertEquals(List.of("viewer-count 2"), viewer2.drain());

        registry.leave(v1);
        assertEquals(List.of("user-left " + v1.id(), "viewer-count 1"), broadcaster.drain());
        assertEquals(List.of("viewer-count 1"), viewer2.drain());
        assertEquals(List.of(), viewer1.drain());
    }

    @Test
    void aRoomHasOneBroadcaster() throws Exception {
        registry.join("main", Role.BROADCASTER, broadcaster);

        RoomException refused = assertThrows(RoomException.class,
                () -> registry.join("main", Role.BROADCASTER, new RecordingListener()));
        assertEquals("broadcaster-exists", refused.code());
        assertTrue(registry.join("other", Role.BROADCASTER, new RecordingListener()).peer() != null,
                "another room takes its own broadcaster");
    }

    @Test
    void theBroadcasterSlotFreesWhenItLeaves() throws Exception {
        Peer first = registry.join("main", Role.BROADCASTER, broadcaster).peer();
        registry.leave(first);

        registry.join("main", Role.BROADCASTER, new RecordingListener());
        assertEquals(1, registry.snapshots().size());
        assertTrue(registry.snapshots().get(0).broadcasterPresent());
    }

    @Test
    void viewersBeyondTheLimitAreRefusedWithoutChangingTheRoom() throws Exception {
        registry.join("main", Role.VIEWER, viewer1);
        registry.join("main", Role.VIEWER, viewer2);
        viewer1.drain();

        RoomException refused = assertThrows(RoomException.class,
                () -> registry.join("main", Role.VIEWER, new RecordingListener()));
        assertEquals("room-full", refused.code());
        assertEquals(2, registry.snapshots().get(0).viewers());
        assertEquals(List.of(), viewer1.drain());
        registry.join("main", Role.BROADCASTER, broadcaster);
    }

    @Test
    void broadcastStartAndStopReachViewers() throws Exception {
        Peer b = registry.join("main", Role.BROADCASTER, broadcaster).peer();
        registry.join("main", Role.VIEWER, viewer1);
        viewer1.drain();

        Broadcast broadcast = () -> b;
        registry.startBroadcast(broadcast);
        assertEquals("already-producing",
                assertThrows(RoomException.class, () -> registry.startBroadcast(() -> b)).code());
        assertTrue(registry.snapshots().get(0).live());
        assertEquals(broadcast, registry.find("main").orElseThrow().broadcast().orElseThrow());
        assertEquals(List.of("stream-started"), viewer1.drain());

        registry.endBroadcast(() -> b);
        assertTrue(registry.snapshots().get(0).live(), "only the live broadcast can end it");
        registry.endBroadcast(broadcast);
        registry.endBroadcast(broadcast);
        assertFalse(registry.snapshots().get(0).live());
        assertEquals(List.of("stream-ended"), viewer1.drain());
    }

    @Test
    void aLateViewerSeesTheRoomLiveInItsMembership() throws Exception {
        Peer b = registry.join("main", Role.BROADCASTER, broadcaster).peer();
        registry.startBroadcast(() -> b);

        assertTrue(registry.join("main", Role.VIEWER, viewer1).room().live());
        assertEquals(List.of("viewer-count 1"), viewer1.drain());
    }

    @Test
    void theBroadcasterLeavingEndsTheStream() throws Exception {
        Peer b = registry.join("main", Role.BROADCASTER, broadcaster).peer();
        registry.join("main", Role.VIEWER, viewer1);
        registry.startBroadcast(() -> b);
        viewer1.drain();

        registry.leave(b);

        assertEquals(List.of("stream-ended"), viewer1.drain());
        assertEquals(new RoomSnapshot("main", false, false, 1), registry.snapshots().get(0));
    }

    @Test
    void onlyTheBroadcasterCanBroadcast() throws Exception {
        registry.join("main", Role.BROADCASTER, broadcaster);
        Peer v = registry.join("main", Role.VIEWER, viewer1).peer();

        assertEquals("not-broadcaster", assertThrows(RoomException.class, () -> registry.startBroadcast(() -> v)).code());
        assertFalse(registry.snapshots().get(0).live());
    }

    @Test
    void aPeerThatLeftCannotBroadcastAndLeavingTwiceIsHarmless() throws Exception {
        Peer b = registry.join("main", Role.BROADCASTER, broadcaster).peer();
        registry.join("main", Role.VIEWER, viewer1);
        registry.leave(b);
        registry.leave(b);

        assertEquals("not-in-room", assertThrows(RoomException.class, () -> registry.startBroadcast(() -> b)).code());
        assertFalse(registry.isMember(b));
        assertEquals(1, registry.snapshots().get(0).viewers());
    }

    @Test
    void anEmptyRoomIsRemovedAfterTheIdleTimeout() throws Exception {
        Peer v = registry.join("main", Role.VIEWER, viewer1).peer();
        registry.leave(v);

        clock.elapse(Duration.ofMinutes(5).minusSeconds(1));
        assertEquals(0, registry.sweepIdleRooms());
        assertEquals(1, registry.snapshots().size());

        clock.elapse(Duration.ofSeconds(1));
        assertEquals(1, registry.sweepIdleRooms());
        assertEquals(List.of(), registry.snapshots());
        assertTrue(registry.find("main").isEmpty());
    }

    @Test
    void anOccupiedRoomIsNeverRemoved() throws Exception {
        registry.join("main", Role.VIEWER, viewer1);

        clock.elapse(Duration.ofHours(1));

        assertEquals(0, registry.sweepIdleRooms());
        assertEquals(1, registry.snapshots().size());
    }

    @Test
    void aRoomThatFillsAgainRestartsItsIdleTimer() throws Exception {
        Peer first = registry.join("main", Role.VIEWER, viewer1).peer();
        registry.leave(first);
        clock.elapse(Duration.ofMinutes(4));
        Peer second = registry.join("main", Role.VIEWER, viewer2).peer();
        clock.elapse(Duration.ofMinutes(2));
        registry.leave(second);
        clock.elapse(Duration.ofMinutes(4));

        assertEquals(0, registry.sweepIdleRooms());
        clock.elapse(Duration.ofMinutes(1));
        assertEquals(1, registry.sweepIdleRooms());
    }

    @Test
    void aMemberLeavingWhileTheRoomTellsItsMembersBreaksNothing() throws Exception {
        Peer[] leaving = new Peer[1];
        // As the inline close of a slow reader did: told of the new count, it leaves at once.
        PeerListener leaver = new PeerListener() {
            @Override
            public void viewerCount(String room, int viewers) {
                if (viewers == 2 && leaving[0] != null) {
                    registry.leave(leaving[0]);
                }
            }

            @Override
            public void streamStarted(String room) {
            }

            @Override
            public void streamEnded(String room) {
            }

            @Override
            public void userJoined(String room, String peerId) {
            }

            @Override
            public void userLeft(String room, String peerId) {
            }
        };
        leaving[0] = registry.join("main", Role.VIEWER, leaver).peer();

        Membership joined = registry.join("main", Role.VIEWER, viewer1);

        assertTrue(registry.isMember(joined.peer()), "the join itself succeeds");
        assertEquals(List.of(new RoomSnapshot("main", false, false, 1)), registry.snapshots());
    }

    @Test
    void roomsBeyondTheMaximumAreRefusedUntilEmptyOnesCanGo() throws Exception {
        RoomRegistry small = new RoomRegistry(new RoomSettings(2, Duration.ofMinutes(5), 2), clock);
        Peer a = small.join("a", Role.VIEWER, viewer1).peer();
        small.join("b", Role.VIEWER, viewer2);

        RoomException refused = assertThrows(RoomException.class, () -> small.join("c", Role.VIEWER, broadcaster));
        assertEquals(RoomException.TOO_MANY_ROOMS, refused.code());
        small.join("b", Role.BROADCASTER, broadcaster);

        small.leave(a);
        small.join("c", Role.VIEWER, new RecordingListener());
        assertEquals(List.of("b", "c"), small.snapshots().stream().map(RoomSnapshot::name).toList(),
                "the empty room made way before its idle timeout");
    }

    @Test
    void aJoinIntoARoomSweptMeanwhileLandsInANewOne() throws Exception {
        Peer first = registry.join("main", Role.VIEWER, viewer1).peer();
        registry.leave(first);
        clock.elapse(Duration.ofMinutes(6));
        registry.sweepIdleRooms();

        Membership again = registry.join("main", Role.VIEWER, viewer2);

        assertTrue(registry.isMember(again.peer()));
        assertEquals(1, registry.size());
    }
}
